package io.kefu.ticket;

import java.time.Instant;

/**
 * Someone gave the ticket another priority ({@code ticket.priority}); published by
 * {@code Ticket.changePriority}, not when the priority stays the same.
 *
 * @param ticket     the ticket right after the change
 * @param previous   the priority before
 * @param by         who changed it (a user id)
 * @param occurredAt when it happened
 */
public record TicketPriorityChanged(TicketView ticket, Priority previous, String by, Instant occurredAt)
        implements TicketChanged {
}
