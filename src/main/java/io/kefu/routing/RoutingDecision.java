package io.kefu.routing;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
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
    private final Map<Part, List<String>> rulesByPart = new EnumMap<>(Part.class);

    /** The parts of a decision, each set by its own rules. */
    enum Part { QUEUE, PRIORITY, SKILLS, SLA }

    /** Called by a queue rule. */
    public void routeTo(String toQueue, String rule) {
        if (queue != null && !queue.equals(toQueue)) {
            throw new IllegalStateException("Rules disagree on the queue: '" + queue + "' and '" + toQueue
                    + "' (rule '" + rule + "'); make their conditions mutually exclusive");
        }
        queue = toQueue;
        fired(Part.QUEUE, rule);
    }

    /** Called by a priority rule. */
    public void prioritise(Priority withPriority, String rule) {
        if (priority != null && priority != withPriority) {
            throw new IllegalStateException("Rules disagree on the priority: " + priority + " and " + withPriority
                    + " (rule '" + rule + "'); make their conditions mutually exclusive");
        }
        priority = withPriority;
        fired(Part.PRIORITY, rule);
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
        fired(Part.SKILLS, rule);
    }

    /** Called by an SLA rule: the name of the policy in {@code rules/} whose targets the ticket is held to. */
    public void applySlaPolicy(String policy, String rule) {
        if (slaPolicy != null && !slaPolicy.equals(policy)) {
            throw new IllegalStateException("Rules disagree on the SLA policy: '" + slaPolicy + "' and '" + policy
                    + "' (rule '" + rule + "'); make their conditions mutually exclusive");
        }
        slaPolicy = policy;
        fired(Part.SLA, rule);
    }

    private void fired(Part part, String rule) {
        firedRules.add(rule);
        rulesByPart.computeIfAbsent(part, p -> new ArrayList<>()).add(rule);
    }

    /**
     * Why the decision is what it is, in English, one sentence per part: queue, priority, skills and
     * SLA policy, each followed by the names of the rules that decided it, e.g. "Queue billing_team,
     * because billing questions go to the billing team."
     */
    public String getExplanation() {
        List<String> sentences = new ArrayList<>();
        sentences.add(sentence("Queue " + queue, Part.QUEUE));
        sentences.add(sentence("Priority " + priority, Part.PRIORITY));
        sentences.add(requiredSkills.isEmpty() ? "No skill required: any agent of the queue."
                : sentence((requiredSkills.size() == 1 ? "Skill " : "Skills ") + String.join(", ", requiredSkills),
                        Part.SKILLS));
        sentences.add(sentence("SLA policy " + slaPolicy, Part.SLA));
        return String.join(" ", sentences);
    }

    private String sentence(String outcome, Part part) {
        List<String> rules = rulesByPart.getOrDefault(part, List.of());
        if (rules.isEmpty()) {
            return outcome + ", decided by no rule.";
        }
        List<String> reasons = rules.stream().distinct().map(RoutingDecision::asClause).toList();
        String joined = reasons.size() == 1 ? reasons.get(0)
                : String.join(", ", reasons.subList(0, reasons.size() - 1)) + " and " + reasons.get(reasons.size() - 1);
        return outcome + ", because " + joined + (joined.endsWith(".") ? "" : ".");
    }

    /** A rule name as part of a sentence: its first letter lower-cased unless it starts an acronym ("VIP"). */
    private static String asClause(String rule) {
        String name = rule.strip();
        if (name.length() > 1 && Character.isUpperCase(name.charAt(0)) && !Character.isUpperCase(name.charAt(1))) {
            return Character.toLowerCase(name.charAt(0)) + name.substring(1);
        }
        return name;
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
