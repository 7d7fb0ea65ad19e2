package io.kefu.workspace;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

/** A canned response with a bad field: 400 naming it; nothing is stored. */
@ResponseStatus(HttpStatus.BAD_REQUEST)
public class InvalidCannedResponseException extends RuntimeException {

    private final String field;

    public InvalidCannedResponseException(String field, String problem) {
        super(field + ": " + problem);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
