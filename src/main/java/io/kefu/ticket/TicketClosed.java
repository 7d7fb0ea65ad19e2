package io.kefu.ticket;

import java.time.Instant;

/**
 * The ticket was closed for good after resolution (status {@code CLOSED}); published by
 * {@code Ticket.close}.
 *
 * @param ticket     the ticket right after the change
 * @param occurredAt when it happened
 */
public record TicketClosed(TicketView ticket, Instant occurredAt) implements TicketChanged {
}
