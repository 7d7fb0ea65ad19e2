package io.kefu.ticket;

import java.time.Instant;

/**
 * The customer replied to a resolved ticket: it is {@code NEW} again and goes back to routing
 * ({@code reopenCount} raised); published by {@code Ticket.reopen}.
 *
 * @param ticket     the ticket right after the change
 * @param occurredAt when it happened
 */
public record TicketReopened(TicketView ticket, Instant occurredAt) implements TicketChanged {
}
