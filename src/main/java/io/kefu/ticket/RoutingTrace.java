package io.kefu.ticket;

import java.util.List;

/**
 * Why the ticket is where it is: the names of the routing rules that fired for its last routing,
 * in firing order, and an explanation for people, one English sentence per part of the decision
 * (queue, priority, skills, SLA policy), each naming the rules that decided it.
 *
 * @param rules       rule names as written in {@code rules/} (DRL rules and decision-table rows); empty before routing
 * @param explanation e.g. "Queue billing_team, because billing questions go to the billing team. Priority
 *                    NORMAL, because …"; the rule names joined when routing gave none; null before routing
 */
public record RoutingTrace(List<String> rules, String explanation) {

    public RoutingTrace {
        rules = List.copyOf(rules);
    }

    static RoutingTrace of(List<String> rules, String explanation) {
        if (explanation != null && !explanation.isBlank()) {
            return new RoutingTrace(rules, explanation);
        }
        return new RoutingTrace(rules, rules.isEmpty() ? null : String.join("; ", rules) + ".");
    }
}
