package io.kefu.ticket;

import java.time.Instant;

/**
 * Two tickets were linked ({@code linked} true) or the link was removed; {@code kind} is what the
 * link says seen from {@code ticketId} ({@link TicketLinkKind#FOLLOW_UP_OF} when intake opened
 * {@code ticketId} as the follow-up of the closed {@code otherTicketId}). Not a {@link TicketChanged}
 * fact: neither ticket changes, so nothing goes to the outbox.
 */
public record TicketLinked(long ticketId, long otherTicketId, boolean linked, TicketLinkKind kind, String by,
        Instant occurredAt) {
}
