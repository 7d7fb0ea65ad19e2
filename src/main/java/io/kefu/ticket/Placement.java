package io.kefu.ticket;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Where routing puts a ticket: its queue and priority, the skills an agent needs to be pushed it,
 * the SLA policy whose targets hold it, the names of the rules that decided all this and, for
 * people, why (one sentence per part; null when the caller has none, then the rule names stand in).
 */
public record Placement(String queue, Priority priority, Set<String> requiredSkills, String slaPolicy,
        List<String> rules, String explanation) {

    public Placement {
        Objects.requireNonNull(queue, "queue");
        Objects.requireNonNull(priority, "priority");
        requiredSkills = Set.copyOf(requiredSkills);
        rules = List.copyOf(rules);
    }

    /** A placement without an explanation of its own. */
    public Placement(String queue, Priority priority, Set<String> requiredSkills, String slaPolicy, List<String> rules) {
        this(queue, priority, requiredSkills, slaPolicy, rules, null);
    }

    /** A placement decided without skills, SLA policy or rule names (tests, manual moves). */
    public Placement(String queue, Priority priority) {
        this(queue, priority, Set.of(), null, List.of());
    }
}
