package io.kefu.mail;

import java.util.Optional;
import java.util.function.Function;
import java.util.function.LongFunction;

/**
 * Which ticket an incoming e-mail continues. In order: a {@code Message-ID} it replies to or
 * references ({@link ParsedMail#threadIds()}, newest first) that Kefu stored with a ticket, then the
 * {@code [#123]} token of its subject. Either only counts when that ticket belongs to the sender's
 * own customer (the one their address identifies): a copy forwarded from another address, or a
 * stranger quoting a ticket number, never joins someone else's ticket; it is the sender's own
 * message (their open ticket or a new one). An unknown id or token counts for nothing.
 */
public final class MailThreading {

    private MailThreading() {
    }

    /**
     * @param mail             the incoming message
     * @param senderCustomerId the customer the sender's address identifies
     * @param ticketOfMessage  the ticket a stored message id belongs to, if Kefu knows the id
     * @param customerOfTicket the customer a ticket belongs to, if the ticket exists
     * @return the ticket the message continues, if any
     */
    public static Optional<Long> ticketFor(ParsedMail mail, long senderCustomerId,
            Function<String, Optional<Long>> ticketOfMessage, LongFunction<Optional<Long>> customerOfTicket) {
        for (String id : mail.threadIds()) {
            Optional<Long> ticket = ticketOfMessage.apply(id);
            if (ticket.isPresent() && owned(ticket.get(), senderCustomerId, customerOfTicket)) {
                return ticket;
            }
        }
        if (mail.ticketToken() != null && owned(mail.ticketToken(), senderCustomerId, customerOfTicket)) {
            return Optional.of(mail.ticketToken());
        }
        return Optional.empty();
    }

    private static boolean owned(long ticketId, long customerId, LongFunction<Optional<Long>> customerOfTicket) {
        return customerOfTicket.apply(ticketId).filter(owner -> owner == customerId).isPresent();
    }
}
