package io.kefu.routing;

import java.util.ArrayList;
import java.util.List;

/**
 * The one object {@code rules/escalation.drl} writes to: whether a routed ticket climbs the
 * escalation ladder at once instead of at its first-response target, and which rules said so.
 */
public final class EscalationDecision {

    private boolean atOnce;
    private final List<String> firedRules = new ArrayList<>();

    /** Called by an escalation rule. */
    public void escalateAtOnce(String rule) {
        atOnce = true;
        firedRules.add(rule);
    }

    public boolean isAtOnce() {
        return atOnce;
    }

    public List<String> getFiredRules() {
        return List.copyOf(firedRules);
    }
}
