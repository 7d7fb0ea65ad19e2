package io.kefu.sla;

import java.time.Duration;
import java.util.Objects;

/**
 * What one SLA policy promises a ticket of some tier, priority and channel, in business time of
 * the policy's calendar: the first agent reply within {@code firstResponse}, every later reply to
 * a customer message within {@code nextResponse}, and resolution within {@code resolution}.
 *
 * @param policy   the policy's name ({@code vip}, {@code standard} — what routing gives)
 * @param calendar the business-hours calendar the targets are counted in
 */
public record SlaTargets(String policy, Duration firstResponse, Duration nextResponse, Duration resolution,
        BusinessHours calendar) {

    public SlaTargets {
        Objects.requireNonNull(policy, "policy");
        positive(firstResponse, "first-response");
        positive(nextResponse, "next-response");
        positive(resolution, "resolution");
        Objects.requireNonNull(calendar, "calendar");
    }

    private static void positive(Duration target, String name) {
        if (target == null || target.isNegative() || target.isZero()) {
            throw new IllegalArgumentException(name + " target must be a positive ISO-8601 duration, not " + target);
        }
    }
}
