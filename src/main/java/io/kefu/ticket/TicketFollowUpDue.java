package io.kefu.ticket;

import java.time.Instant;

/**
 * The follow-up time of a wait for the customer passed without an answer: an internal note says so
 * and the ticket's agent is told on their workspace.
 */
public record TicketFollowUpDue(TicketView ticket, FollowUp followUp, Instant occurredAt) {
}
