package io.kefu.ticket;

import java.time.Instant;

/**
 * The customer left while the ticket waited for an agent (status {@code CLOSED}, {@code abandonedAt}
 * set); published by {@code Ticket.abandon} when a channel reports it.
 *
 * @param ticket     the ticket right after the change
 * @param occurredAt when it happened
 */
public record TicketAbandoned(TicketView ticket, Instant occurredAt) implements TicketChanged {
}
