package io.kefu.ticket;

import java.time.Instant;

/**
 * An internal note was stored on a ticket. Not a {@link TicketChanged} fact: a note changes nothing
 * of the ticket and never reaches the customer's channel; back-office systems get it as the outbox
 * event {@code ticket.note_added}.
 *
 * @param ticket     the ticket as it is (a note changes nothing of it)
 * @param note       the note stored
 * @param occurredAt when it was stored
 */
public record TicketNoteAdded(TicketView ticket, TicketNote note, Instant occurredAt) {
}
