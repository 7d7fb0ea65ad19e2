package io.kefu.ticket;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

/** An intent method was called on a ticket whose status does not allow it (the API answers 409). */
@ResponseStatus(HttpStatus.CONFLICT)
public class IllegalTicketStateException extends RuntimeException {

    public IllegalTicketStateException(long ticketId, TicketStatus status, String intent) {
        super("Ticket " + ticketId + " is " + status + " and cannot be " + intent);
    }
}
