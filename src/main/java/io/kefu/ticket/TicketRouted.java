package io.kefu.ticket;

import java.time.Instant;

/**
 * Routing placed the ticket in a queue with a priority (status {@code QUEUED}, no assignee); published
 * by {@code Ticket.route}, also when a ticket the bot answered needs a human after all.
 *
 * @param ticket     the ticket right after the change
 * @param occurredAt when it happened
 */
public record TicketRouted(TicketView ticket, Instant occurredAt) implements TicketChanged {
}
