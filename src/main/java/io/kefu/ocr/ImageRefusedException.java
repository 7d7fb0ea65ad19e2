package io.kefu.ocr;

/** An image that is not read: a decompression bomb, a truncated file, something that is no image. */
public class ImageRefusedException extends Exception {

    private static final long serialVersionUID = 1L;

    ImageRefusedException(String reason) {
        super(reason);
    }

    ImageRefusedException(String reason, Throwable cause) {
        super(reason, cause);
    }

    /** Why, in a sentence stored with the attachment and shown to the agent. */
    public String reason() {
        return getMessage();
    }
}
