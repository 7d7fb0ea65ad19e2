package io.kefu.chat;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

/** A file whose bytes are none of the accepted types, whatever its name says (415). */
@ResponseStatus(HttpStatus.UNSUPPORTED_MEDIA_TYPE)
public class AttachmentRefusedException extends ChatRefusedException {

    public AttachmentRefusedException(String detected) {
        super("unsupported_type", "The file's content is " + detected
                + "; accepted are PNG, JPEG, WebP and GIF images, PDF and plain text");
    }
}
