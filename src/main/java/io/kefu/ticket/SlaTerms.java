package io.kefu.ticket;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * What the ticket's SLA policy promises and how its business time is counted; the SLA module
 * supplies it, the ticket keeps its clocks with it.
 *
 * @param policy        the policy's name
 * @param firstResponse business time until the first agent reply
 * @param nextResponse  business time until the agent answers a later customer message
 * @param resolution    business time until resolved, not counting waits for the customer
 * @param calendar      counts business time
 */
public record SlaTerms(String policy, Duration firstResponse, Duration nextResponse, Duration resolution,
        Calendar calendar) {

    /** The share of a target after which a warning is recorded: 75 %. */
    public static final double WARNING_SHARE = 0.75;

    public SlaTerms {
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(firstResponse, "firstResponse");
        Objects.requireNonNull(nextResponse, "nextResponse");
        Objects.requireNonNull(resolution, "resolution");
        Objects.requireNonNull(calendar, "calendar");
    }

    /** Business-time arithmetic of a business-hours calendar. */
    public interface Calendar {

        /** When {@code amount} of business time counted from {@code from} runs out. */
        Instant plus(Instant from, Duration amount);

        /** Business time between two instants, zero when {@code to} is not after {@code from}. */
        Duration between(Instant from, Instant to);
    }

    /** The deadline of a target started at {@code from}, with its warning at {@link #WARNING_SHARE}. */
    SlaDeadline deadline(Instant from, Duration target) {
        Duration warning = Duration.ofMillis(Math.round(target.toMillis() * WARNING_SHARE));
        return new SlaDeadline(calendar.plus(from, target), calendar.plus(from, warning));
    }
}
