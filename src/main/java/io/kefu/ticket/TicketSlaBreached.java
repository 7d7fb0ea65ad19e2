package io.kefu.ticket;

import java.time.Instant;

/**
 * An SLA target was missed: its due time passed before it was met; also in the ticket's
 * {@code sla.breaches}. Published once per target and due time.
 *
 * @param ticket     the ticket right after the change
 * @param target     which promise
 * @param dueAt      when it was due
 * @param occurredAt when the breach was recorded
 */
public record TicketSlaBreached(TicketView ticket, SlaTarget target, Instant dueAt, Instant occurredAt)
        implements TicketChanged {
}
