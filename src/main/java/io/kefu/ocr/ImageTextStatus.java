package io.kefu.ocr;

/** Where the reading of one attached image stands. */
public enum ImageTextStatus {
    /** Waiting for a reader. */
    PENDING,
    /** A node is reading it. */
    READING,
    /** Read: its text (possibly none) and lines are known. */
    READ,
    /** Not read, because of the image: a decompression bomb, a truncated file, no image (reason). */
    REFUSED,
    /** Not read, because of the reader: over the time limit, an error in the recogniser (reason). */
    FAILED,
    /** OCR was off ({@code kefu.ocr.enabled=false}) when the image arrived. */
    OFF;

    /** Whether nothing more will happen to the image. */
    public boolean isFinal() {
        return this != PENDING && this != READING;
    }
}
