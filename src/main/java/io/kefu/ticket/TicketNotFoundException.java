package io.kefu.ticket;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

/** No ticket has the requested id (pages answer 404). */
@ResponseStatus(HttpStatus.NOT_FOUND)
public class TicketNotFoundException extends RuntimeException {

    public TicketNotFoundException(long ticketId) {
        super("Ticket " + ticketId + " does not exist");
    }
}
