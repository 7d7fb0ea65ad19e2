package io.kefu.chat;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

/** No attachment of that id the caller may read (404, the same for one of somebody else's). */
@ResponseStatus(HttpStatus.NOT_FOUND)
public class AttachmentNotFoundException extends RuntimeException {

    public AttachmentNotFoundException(long id) {
        super("No attachment " + id);
    }
}
