package io.kefu.security.throttle;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.EstimationProbe;
import io.github.bucket4j.TimeMeter;

/**
 * One token bucket per key (a user name, an address, a customer), created on first use and held in
 * a bounded Caffeine map. An entry untouched for as long as its bucket takes to fill up is dropped:
 * it would be full again anyway, so dropping it changes nothing. Time is a monotonic
 * {@link TimeMeter} ({@code System.nanoTime()}; a step of the wall clock must not stretch a wait),
 * which tests replace to move time instead of waiting.
 */
final class KeyedBuckets {

    /** Longest key kept; longer user names or ids are cut (no real one is that long). */
    static final int MAX_KEY_LENGTH = 200;

    private final Limit limit;
    private final TimeMeter time;
    private final Cache<String, Entry> entries;

    KeyedBuckets(Limit limit, int maxKeys, TimeMeter time) {
        this.limit = limit;
        this.time = time;
        this.entries = Caffeine.newBuilder()
                .maximumSize(maxKeys)
                .expireAfterAccess(limit.timeToFill())
                .ticker(time::currentTimeNanos)
                .build();
    }

    Limit limit() {
        return limit;
    }

    /** Nanoseconds until the key may take a token, 0 when it may now; creates nothing. */
    long nanosToWait(String key) {
        Entry entry = entries.getIfPresent(cut(key));
        if (entry == null) {
            return 0;
        }
        EstimationProbe probe = entry.bucket.estimateAbilityToConsume(1);
        return probe.canBeConsumed() ? 0 : Math.max(1, probe.getNanosToWaitForRefill());
    }

    /** Takes a token: 0 when taken, else the nanoseconds until one is available (nothing taken). */
    long take(String key) {
        ConsumptionProbe probe = entry(key).bucket.tryConsumeAndReturnRemaining(1);
        return probe.isConsumed() ? 0 : Math.max(1, probe.getNanosToWaitForRefill());
    }

    /** Gives back a token taken for a request that was then refused for another reason. */
    void giveBack(String key) {
        Entry entry = entries.getIfPresent(cut(key));
        if (entry != null) {
            entry.bucket.addTokens(1);
        }
    }

    Entry entry(String key) {
        return entries.get(cut(key), k -> new Entry(Bucket.builder().addLimit(limit.bandwidth())
                .withCustomTimePrecision(time).build()));
    }

    static String cut(String key) {
        return key.length() <= MAX_KEY_LENGTH ? key : key.substring(0, MAX_KEY_LENGTH);
    }

    /** A bucket and whether its current episode of being empty has been reported. */
    static final class Entry {
        final Bucket bucket;
        boolean episodeReported;

        Entry(Bucket bucket) {
            this.bucket = bucket;
        }
    }

}
