package io.kefu.routing;

import java.util.ArrayList;
import java.util.List;

import io.kefu.ticket.Priority;

/**
 * The one object routing rules write to. Each rule sets one part of the decision and names
 * itself, so a decision can be explained ("why is this ticket in billing_team?").
 */
public final class RoutingDecision {

    private String queue;
    private Priority priority;
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

    public String getQueue() {
        return queue;
    }

    public Priority getPriority() {
        return priority;
    }

    public List<String> getFiredRules() {
        return List.copyOf(firedRules);
    }

    /** Whether the rules decided both queue and priority. */
    public boolean isComplete() {
        return queue != null && priority != null;
    }
}
