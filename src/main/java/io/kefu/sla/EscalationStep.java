package io.kefu.sla;

import java.time.Instant;

/**
 * The level a ticket just reached and what comes next.
 *
 * @param level      the level reached (1 = first above the queue's agents)
 * @param name       its name
 * @param group      the group now given the ticket
 * @param further    whether a higher level exists
 * @param nextAfter  business time until the next level, as a timer reads it
 *                   ({@code business:<calendar>:<ISO duration>}); null without a higher level
 * @param ladderFor  the first-response due time this ladder belongs to (a later routing starts a new one)
 */
public record EscalationStep(int level, String name, String group, boolean further, String nextAfter,
        Instant ladderFor) {
}
