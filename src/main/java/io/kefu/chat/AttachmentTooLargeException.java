package io.kefu.chat;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

/** A file over {@code kefu.chat.attachments.max-size} (413). */
@ResponseStatus(HttpStatus.PAYLOAD_TOO_LARGE)
public class AttachmentTooLargeException extends ChatRefusedException {

    public AttachmentTooLargeException(long max) {
        super("too_large", "Attachments may have at most " + max + " bytes (kefu.chat.attachments.max-size)");
    }
}
