package io.kefu.ticket;

import java.time.Instant;

/**
 * The ticket was merged into another ({@code intoTicketId}) that goes on with the conversation: it
 * is {@code CLOSED}, its messages and notes now belong to the other ticket, and its lifecycle ends;
 * published by {@code Ticket.mergeInto}.
 *
 * @param ticket       the merged ticket right after the change
 * @param intoTicketId the ticket it was merged into
 * @param by           who merged them (a user id)
 * @param occurredAt   when it happened
 */
public record TicketMerged(TicketView ticket, long intoTicketId, String by, Instant occurredAt) implements TicketChanged {
}
