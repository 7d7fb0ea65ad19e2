package io.kefu.ticket;

import java.time.Instant;
import java.util.List;

/**
 * The service-level agreement that holds the ticket and where its clocks stand. Due times are
 * null while their clock does not run: first response until routing and after the first agent
 * reply, next response until a customer writes after an agent replied, and again once answered.
 *
 * @param policy           the SLA policy routing chose (its name in {@code rules/sla-policies.yaml}), null before routing
 * @param firstResponseDue when the first agent reply is due
 * @param nextResponseDue  when the agent's answer to the customer's latest message is due
 * @param resolutionDue    when resolution is due (moves later by the time the ticket waited for the customer)
 * @param pausedSince      since when the resolution clock has been paused, waiting for the customer; null while it runs
 * @param firstRespondedAt when an agent first replied
 * @param warnings         every 75 % warning recorded, oldest first (kept across reopening)
 * @param breaches         every target missed, oldest first (kept across reopening)
 */
public record TicketSla(String policy, Instant firstResponseDue, Instant nextResponseDue, Instant resolutionDue,
        Instant pausedSince, Instant firstRespondedAt, List<SlaWarning> warnings, List<SlaBreach> breaches) {

    public TicketSla {
        warnings = List.copyOf(warnings);
        breaches = List.copyOf(breaches);
    }

    /** Only the policy: no clock started (a ticket routed without SLA terms). */
    public TicketSla(String policy) {
        this(policy, null, null, null, null, null, List.of(), List.of());
    }
}
