package io.kefu.workspace;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

/** No such canned response, or not one the caller may see or change: 404 either way. */
@ResponseStatus(HttpStatus.NOT_FOUND)
public class CannedResponseNotFoundException extends RuntimeException {

    public CannedResponseNotFoundException(long id) {
        super("No canned response " + id);
    }
}
