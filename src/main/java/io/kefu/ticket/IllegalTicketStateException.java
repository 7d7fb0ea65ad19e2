package io.kefu.ticket;

/** An intent method was called on a ticket whose status does not allow it. */
public class IllegalTicketStateException extends RuntimeException {

    public IllegalTicketStateException(long ticketId, TicketStatus status, String intent) {
        super("Ticket " + ticketId + " is " + status + " and cannot be " + intent);
    }
}
