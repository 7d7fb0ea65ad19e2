package io.kefu.ticket;

import java.time.Instant;

/**
 * The agent gave the ticket back to its queue (status {@code QUEUED}, no assignee); published by
 * {@code Ticket.release}, not when the ticket was not assigned.
 *
 * @param ticket     the ticket right after the change
 * @param occurredAt when it happened
 */
public record TicketUnassigned(TicketView ticket, Instant occurredAt) implements TicketChanged {
}
