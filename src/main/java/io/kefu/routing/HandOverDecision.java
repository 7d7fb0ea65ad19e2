package io.kefu.routing;

import java.util.ArrayList;
import java.util.List;

/**
 * The one object {@code rules/handover.drl} writes to: whether a new ticket goes straight to a
 * person instead of the bot, and which rule said so.
 */
public final class HandOverDecision {

    private boolean toPerson;
    private final List<String> firedRules = new ArrayList<>();

    /** Called by a hand-over rule. */
    public void toPerson(String rule) {
        toPerson = true;
        firedRules.add(rule);
    }

    public boolean isToPerson() {
        return toPerson;
    }

    public List<String> getFiredRules() {
        return List.copyOf(firedRules);
    }
}
