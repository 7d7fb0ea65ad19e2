package io.kefu.routing;

import org.springframework.stereotype.Service;

import io.kefu.config.KefuHome;

/** Entry point for routing decisions; the rule set is compiled once at start and shared. */
@Service
public class TicketRouting {

    private final RoutingRules rules;

    TicketRouting(KefuHome home) {
        this.rules = new RoutingRules(home);
    }

    /** Queue and priority for a ticket with these facts. */
    public RoutingDecision decide(RoutingRequest request) {
        return rules.decide(request);
    }

    /** Re-reads {@code rules/}; the running rules stay when the new ones are invalid. */
    public void reload() {
        rules.reload();
    }
}
