package io.kefu.ticket;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

/** An action on a ticket with a bad field (an unknown queue, the queue it is already in): 400 naming the field. */
@ResponseStatus(HttpStatus.BAD_REQUEST)
public class InvalidTicketActionException extends RuntimeException {

    private final String field;

    public InvalidTicketActionException(String field, String problem) {
        super(field + ": " + problem);
        this.field = field;
    }

    /** The request field that is wrong ({@code queue}, {@code agent}, {@code priority}, ...). */
    public String field() {
        return field;
    }
}
