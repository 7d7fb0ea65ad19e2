package io.kefu.routing;

import java.time.Clock;
import java.util.Set;

import org.springframework.stereotype.Service;

/**
 * Entry point for routing decisions; the rule set is compiled once and shared, and replaced only as
 * {@link RuleDeployment} says (reload, file watch, rollback, another node's activation).
 */
@Service
public class TicketRouting {

    private final RoutingRules rules;
    private final RuleDeployment deployment;
    private final RoutingRecords records;
    private final Clock clock;

    TicketRouting(RoutingRules rules, RuleDeployment deployment, RoutingRecords records, Clock clock) {
        this.rules = rules;
        this.deployment = deployment;
        this.records = records;
        this.clock = clock;
    }

    /** Queue, priority, skills and SLA policy for a ticket with these facts (nothing recorded). */
    public RoutingDecision decide(RoutingRequest request) {
        return rules.decide(request);
    }

    /**
     * Decides for a ticket being routed and records the facts and the outcome, with the live rules'
     * version, in the caller's transaction (what {@code POST /api/rules/simulate} replays).
     */
    public RoutingDecision decideFor(long ticketId, RoutingRequest request) {
        RoutingRules.Live live = rules.live();
        RoutingDecision decision = RoutingRules.decide(live.base(), request);
        records.record(ticketId, clock.instant(), live.version(), request, decision);
        return decision;
    }

    /**
     * Whether a new ticket goes straight to a person instead of the bot: the customer is upset or
     * asked for a person ({@code rules/handover.drl}).
     */
    public boolean handsOverToPerson(Set<String> intents, double sentimentScore) {
        return rules.handOver(new HandOverRequest(intents, sentimentScore)).isToPerson();
    }

    /**
     * Whether a routed ticket escalates at once instead of at its first-response target: a VIP
     * complaint or a strongly negative customer ({@code rules/escalation.drl}).
     */
    public EscalationDecision escalation(EscalationRequest request) {
        return rules.escalation(request);
    }

    /** Re-reads {@code rules/} (as the system); the running rules stay when the new ones are invalid. */
    public long reload() {
        return deployment.reload(RuleDeployment.SYSTEM);
    }
}
