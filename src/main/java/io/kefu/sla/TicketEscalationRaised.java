package io.kefu.sla;

import java.time.Instant;

/**
 * A ticket reached a level of the escalation ladder and {@code recipient} (a group) was told;
 * stored as a notification row in the same transaction. Other modules (workspace, web chat)
 * deliver it to the people of that group.
 *
 * @param notificationId the stored notification
 * @param ticketId       the ticket
 * @param level          1 = the first level above the queue's agents
 * @param levelName      e.g. {@code team-lead}
 * @param recipient      the group told
 * @param reason         why
 * @param occurredAt     when
 */
public record TicketEscalationRaised(long notificationId, long ticketId, int level, String levelName,
        String recipient, EscalationReason reason, Instant occurredAt) {
}
