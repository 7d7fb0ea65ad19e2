package io.kefu.ticket;

import java.time.Instant;

/** An agent's internal note on a ticket: seen by staff only, never sent to the customer. */
public record TicketNote(long id, long ticketId, String author, String text, Instant createdAt) {
}
