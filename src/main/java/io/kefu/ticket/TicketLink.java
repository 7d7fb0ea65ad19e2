package io.kefu.ticket;

import java.time.Instant;

/**
 * A ticket linked to another: seen from one of the two, {@code ticket} is the other one as it is
 * now, and {@code kind} what the link says from this side (related, or a follow-up either way).
 */
public record TicketLink(TicketView ticket, String linkedBy, Instant linkedAt, TicketLinkKind kind) {
}
