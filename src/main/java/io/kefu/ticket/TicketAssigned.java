package io.kefu.ticket;

import java.time.Instant;

/**
 * An agent took the ticket ({@code assignee}, status {@code ASSIGNED}); published by
 * {@code Ticket.assignTo}, not when the agent claims their own ticket again.
 *
 * @param ticket     the ticket right after the change
 * @param occurredAt when it happened
 */
public record TicketAssigned(TicketView ticket, Instant occurredAt) implements TicketChanged {
}
