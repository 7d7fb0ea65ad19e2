package io.kefu.ticket;

import java.time.Instant;

/**
 * The customer's issue is solved (status {@code RESOLVED}); published by {@code Ticket.resolve}
 * ({@code resolvedBy} {@code AGENT}) and {@code Ticket.resolveByBot} ({@code resolvedBy} {@code BOT}).
 *
 * @param ticket     the ticket right after the change
 * @param occurredAt when it happened
 */
public record TicketResolved(TicketView ticket, Instant occurredAt) implements TicketChanged {
}
