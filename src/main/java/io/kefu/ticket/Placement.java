package io.kefu.ticket;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Where routing puts a ticket: its queue and priority, the skills an agent needs to be pushed it,
 * the SLA policy whose targets hold it, and the names of the rules that decided all this.
 */
public record Placement(String queue, Priority priority, Set<String> requiredSkills, String slaPolicy,
        List<String> rules) {

    public Placement {
        Objects.requireNonNull(queue, "queue");
        Objects.requireNonNull(priority, "priority");
        requiredSkills = Set.copyOf(requiredSkills);
        rules = List.copyOf(rules);
    }

    /** A placement decided without skills, SLA policy or rule names (tests, manual moves). */
    public Placement(String queue, Priority priority) {
        this(queue, priority, Set.of(), null, List.of());
    }
}
