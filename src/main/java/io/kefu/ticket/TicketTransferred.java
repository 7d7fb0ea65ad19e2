package io.kefu.ticket;

import java.time.Instant;

/**
 * The ticket moved to another queue ({@code ticket.queue}, status {@code QUEUED}, no assignee);
 * published by {@code Ticket.transferTo}. When it went to a named agent, {@link TicketAssigned}
 * follows in the same transaction.
 *
 * @param ticket       the ticket right after the change
 * @param fromQueue    the queue it left
 * @param fromAssignee who held it before, or null
 * @param by           who transferred it (a user id)
 * @param note         why, as the transferring agent wrote it (also stored as an internal note), or null
 * @param occurredAt   when it happened
 */
public record TicketTransferred(TicketView ticket, String fromQueue, String fromAssignee, String by, String note,
        Instant occurredAt) implements TicketChanged {
}
