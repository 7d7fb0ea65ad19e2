package io.kefu.ticket;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

/** A ticket list request with a bad parameter: 400 naming the parameter; nothing was read. */
@ResponseStatus(HttpStatus.BAD_REQUEST)
public class InvalidTicketQueryException extends RuntimeException {

    private final String field;

    public InvalidTicketQueryException(String field, String problem) {
        super(field + ": " + problem);
        this.field = field;
    }

    /** The request parameter at fault. */
    public String field() {
        return field;
    }
}
