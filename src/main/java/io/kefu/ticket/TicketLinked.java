package io.kefu.ticket;

import java.time.Instant;

/**
 * Two tickets were linked as related ({@code linked} true) or the link was removed. Not a
 * {@link TicketChanged} fact: neither ticket changes, so nothing goes to the outbox.
 */
public record TicketLinked(long ticketId, long otherTicketId, boolean linked, String by, Instant occurredAt) {
}
