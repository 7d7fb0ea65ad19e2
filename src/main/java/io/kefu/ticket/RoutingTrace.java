package io.kefu.ticket;

import java.util.List;

/**
 * Why the ticket is where it is: the names of the routing rules that fired for its last routing,
 * in firing order, and a sentence made of them for people.
 *
 * @param rules       rule names as written in {@code rules/*.drl}; empty before routing
 * @param explanation the rules as one sentence, or null before routing
 */
public record RoutingTrace(List<String> rules, String explanation) {

    public RoutingTrace {
        rules = List.copyOf(rules);
    }

    static RoutingTrace of(List<String> rules) {
        return new RoutingTrace(rules, rules.isEmpty() ? null : String.join("; ", rules) + ".");
    }
}
