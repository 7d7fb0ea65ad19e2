package io.kefu.ticket;

import java.time.Instant;

/**
 * An internal note was stored on a ticket. Not a {@link TicketChanged} fact: notes are internal,
 * so they never reach the outbox (the CRM, the ERP) nor the customer's channel.
 *
 * @param ticket     the ticket as it is (a note changes nothing of it)
 * @param note       the note stored
 * @param occurredAt when it was stored
 */
public record TicketNoteAdded(TicketView ticket, TicketNote note, Instant occurredAt) {
}
