package io.kefu.routing;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

import io.kefu.ticket.Priority;

/**
 * The one object routing rules write to. Each rule sets one part of the decision and names
 * itself, so a decision can be explained ("why is this ticket in billing_team?").
 */
public final class RoutingDecision {

    /** What a skill name may be: lower-case words joined by dots, as {@code tech.senior}. */
    static final java.util.regex.Pattern SKILL = java.util.regex.Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

    private String queue;
    private Priority priority;
    private String slaPolicy;
    private final Set<String> requiredSkills = new TreeSet<>();
    private final List<String> firedRules = new ArrayList<>();

    /** Called by a queue rule. */
    public void routeTo(String toQueue, String rule) {
        if (queue != null && !queue.equals(toQueue)) {
            throw new IllegalStateException("Rules disagree on the queue: '" + queue + "' and '" + toQueue
                    + "' (rule '" + rule + "'); make their conditions mutually exclusive");
        }
        queue = toQueue;
        firedRules.add(rule);
    }

    /** Called by a priority rule. */
    public void prioritise(Priority withPriority, String rule) {
        if (priority != null && priority != withPriority) {
            throw new IllegalStateException("Rules disagree on the priority: " + priority + " and " + withPriority
                    + " (rule '" + rule + "'); make their conditions mutually exclusive");
        }
        priority = withPriority;
        firedRules.add(rule);
    }

    /**
     * Called by a skill rule: only agents holding {@code skill} get the ticket pushed to them (until
     * the queue's skills timeout widens the search). Several skill rules may fire; the skills add up.
     */
    public void requireSkill(String skill, String rule) {
        if (skill == null || !SKILL.matcher(skill).matches()) {
            throw new IllegalArgumentException("Rule '" + rule + "' requires the skill '" + skill
                    + "'; a skill is 1-64 of a-z 0-9 . _ - starting with a letter or digit");
        }
        requiredSkills.add(skill);
        firedRules.add(rule);
    }

    /** Called by an SLA rule: the name of the policy in {@code rules/} whose targets the ticket is held to. */
    public void applySlaPolicy(String policy, String rule) {
        if (slaPolicy != null && !slaPolicy.equals(policy)) {
            throw new IllegalStateException("Rules disagree on the SLA policy: '" + slaPolicy + "' and '" + policy
                    + "' (rule '" + rule + "'); make their conditions mutually exclusive");
        }
        slaPolicy = policy;
        firedRules.add(rule);
    }

    public String getQueue() {
        return queue;
    }

    public Priority getPriority() {
        return priority;
    }

    /** The skills an agent needs to be pushed this ticket, sorted; empty when any agent of the queue will do. */
    public SortedSet<String> getRequiredSkills() {
        return Collections.unmodifiableSortedSet(new TreeSet<>(requiredSkills));
    }

    public String getSlaPolicy() {
        return slaPolicy;
    }

    public List<String> getFiredRules() {
        return List.copyOf(firedRules);
    }

    /** Whether the rules decided queue, priority and SLA policy. */
    public boolean isComplete() {
        return queue != null && priority != null && slaPolicy != null;
    }

    /** What the rules left undecided, for the error message. */
    String missing() {
        return queue == null ? "queue" : priority == null ? "priority" : slaPolicy == null ? "SLA policy" : "nothing";
    }
}
