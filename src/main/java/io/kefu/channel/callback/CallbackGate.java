package io.kefu.channel.callback;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;

/**
 * What every callback door checks before any signature work: a rate limit for the door (all
 * senders together: the platforms call from many addresses), a timestamp within the allowed clock
 * skew, and a replay key (timestamp and nonce, or what stands for a nonce) not accepted before.
 * Replay keys are kept twice as long as a timestamp is acceptable, so a replay is refused either
 * as stale or as seen. One gate per door; a door remembers a key only once it accepted the request.
 */
public final class CallbackGate {

    private final Bucket callbacks;
    private final Clock clock;
    private final Duration maxClockSkew;
    private final ChronoUnit timestampUnit;
    private final Cache<String, Boolean> seen;

    /**
     * @param callbacksPerSecond callbacks this door accepts per second on this node
     * @param maxClockSkew       how far a timestamp may be from this node's clock
     * @param timestampUnit      {@link ChronoUnit#SECONDS} (Tencent) or {@link ChronoUnit#MILLIS} (DingTalk)
     */
    public CallbackGate(int callbacksPerSecond, Duration maxClockSkew, ChronoUnit timestampUnit, Clock clock) {
        this.callbacks = Bucket.builder().addLimit(Bandwidth.builder().capacity(callbacksPerSecond)
                .refillGreedy(callbacksPerSecond, Duration.ofSeconds(1)).build()).build();
        this.clock = clock;
        this.maxClockSkew = maxClockSkew;
        this.timestampUnit = timestampUnit;
        this.seen = Caffeine.newBuilder().maximumSize(100_000).expireAfterWrite(maxClockSkew.multipliedBy(2)).build();
    }

    /** Takes one callback from the door's budget; false: answer 429. */
    public boolean tryAcquire() {
        return callbacks.tryConsume(1);
    }

    /**
     * Why this timestamp and replay key are refused (malformed, stale, seen before), or null when
     * they are acceptable.
     */
    public String refusal(String timestamp, String replayKey) {
        if (timestamp == null || replayKey == null || !timestamp.matches("[0-9]{1,15}") || replayKey.length() > 128) {
            return "missing or malformed timestamp or nonce";
        }
        long value = Long.parseLong(timestamp);
        Instant sent = timestampUnit == ChronoUnit.MILLIS ? Instant.ofEpochMilli(value) : Instant.ofEpochSecond(value);
        if (Duration.between(sent, clock.instant()).abs().compareTo(maxClockSkew) > 0) {
            return "stale timestamp " + timestamp;
        }
        if (seen.getIfPresent(timestamp + ":" + replayKey) != null) {
            return "replayed request (timestamp " + timestamp + ")";
        }
        return null;
    }

    /** Remembers an accepted request's timestamp and replay key, so the same request again is a replay. */
    public void accepted(String timestamp, String replayKey) {
        seen.put(timestamp + ":" + replayKey, Boolean.TRUE);
    }
}
