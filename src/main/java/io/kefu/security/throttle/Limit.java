package io.kefu.security.throttle;

import java.time.Duration;

import io.github.bucket4j.Bandwidth;

/**
 * One token bucket's size: {@code capacity} tokens at once, then {@code refill} more every
 * {@code period}, added gradually (Bucket4j's greedy refill: 20 per 10 s is one every 0.5 s).
 *
 * @param capacity how many at once (the burst)
 * @param refill   how many come back per period (the sustained rate)
 * @param period   the period of {@code refill}
 */
public record Limit(long capacity, long refill, Duration period) {

    public Limit {
        if (capacity < 1 || refill < 1 || period == null || period.isZero() || period.isNegative()) {
            throw new IllegalArgumentException("A limit needs capacity >= 1, refill >= 1 and a positive period, not "
                    + capacity + ", " + refill + ", " + period);
        }
    }

    Bandwidth bandwidth() {
        return Bandwidth.builder().capacity(capacity).refillGreedy(refill, period).build();
    }

    /** How long an untouched bucket takes to fill up from empty; an entry idle that long equals a new one. */
    Duration timeToFill() {
        long periods = (capacity + refill - 1) / refill;
        return period.multipliedBy(periods);
    }

    /** "10, then 1 per 30 s" for log lines and audit entries. */
    String describe() {
        return capacity + ", then " + refill + " per " + seconds(period);
    }

    static String seconds(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
    }
}
