package io.kefu.routing;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

import io.kefu.config.KefuHome;

/** Entry point for routing decisions; the rule set is compiled once at start and shared. */
@Service
public class TicketRouting {

    private final RoutingRules rules;
    private final ApplicationEventPublisher events;

    TicketRouting(KefuHome home, ApplicationEventPublisher events) {
        this.rules = new RoutingRules(home);
        this.events = events;
    }

    /** Queue and priority for a ticket with these facts. */
    public RoutingDecision decide(RoutingRequest request) {
        return rules.decide(request);
    }

    /**
     * Whether a new ticket goes straight to a person instead of the bot: the customer is upset or
     * asked for a person ({@code rules/handover.drl}).
     */
    public boolean handsOverToPerson(java.util.Set<String> intents, double sentimentScore) {
        return rules.handOver(new HandOverRequest(intents, sentimentScore)).isToPerson();
    }

    /**
     * Whether a routed ticket escalates at once instead of at its first-response target: a VIP
     * complaint or a strongly negative customer ({@code rules/escalation.drl}).
     */
    public EscalationDecision escalation(EscalationRequest request) {
        return rules.escalation(request);
    }

    /** Re-reads {@code rules/}; the running rules stay when the new ones are invalid. */
    public void reload() {
        try {
            rules.reload();
        } catch (RuleSetInvalidException invalid) {
            events.publishEvent(new RoutingRulesReloaded(false, invalid.getMessage()));
            throw invalid;
        }
        events.publishEvent(new RoutingRulesReloaded(true, "rules/ compiled and every test case passed"));
    }
}
