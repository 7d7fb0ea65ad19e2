package io.kefu.ticket;

import java.time.Instant;

/**
 * 75 % of an SLA target's business time has passed and the target is not met yet; published by
 * the SLA watch once per target and due time.
 *
 * @param ticket     the ticket right after the change
 * @param target     which promise
 * @param dueAt      when it is due
 * @param occurredAt when the warning was recorded
 */
public record TicketSlaWarning(TicketView ticket, SlaTarget target, Instant dueAt, Instant occurredAt)
        implements TicketChanged {
}
