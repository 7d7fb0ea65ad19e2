package io.kefu.ticket;

import java.time.Instant;

/**
 * An agent started (or moved) waiting for the customer until a follow-up time. Not a
 * {@link TicketChanged} fact: the ticket stays with its agent; the lifecycle starts the follow-up
 * timer ({@code Timer_FollowUpDue}).
 */
public record TicketFollowUpSet(TicketView ticket, FollowUp followUp, Instant occurredAt) {
}
