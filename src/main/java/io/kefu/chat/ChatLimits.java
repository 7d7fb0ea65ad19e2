package io.kefu.chat;

import java.time.Duration;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;

import org.springframework.stereotype.Component;

/**
 * The chat's token buckets, in memory on this node: per visitor and per client address for what
 * visitors send, per address for new visitor tokens. An entry idle long enough to have filled up
 * again is dropped (it equals a new one), so memory stays bounded by the active visitors.
 */
@Component
class ChatLimits {

    private static final int MAX_KEYS = 200_000;

    private final ChatProperties properties;
    private final Cache<String, Bucket> buckets;

    ChatLimits(ChatProperties properties) {
        this.properties = properties;
        Duration idle = max(timeToFill(properties.messagesPerVisitor()), timeToFill(properties.messagesPerAddress()),
                timeToFill(properties.visitorsPerAddress()));
        this.buckets = Caffeine.newBuilder().maximumSize(MAX_KEYS).expireAfterAccess(idle).build();
    }

    /** One message (or typing, receipt) from this visitor at this address; refused when either bucket is empty. */
    void message(long visitorId, String address) {
        take("visitor:" + visitorId, properties.messagesPerVisitor(), "messages from this visitor");
        take("address:" + address, properties.messagesPerAddress(), "messages from this address");
    }

    /** One new visitor token for this address. */
    void newVisitor(String address) {
        take("new-visitor:" + address, properties.visitorsPerAddress(), "new visitors from this address");
    }

    private void take(String key, ChatProperties.Rate rate, String what) {
        Bucket bucket = buckets.get(key, k -> Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(rate.capacity()).refillGreedy(rate.refill(), rate.period()).build())
                .build());
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed()) {
            throw new ChatRateLimitedException(what, Duration.ofNanos(probe.getNanosToWaitForRefill()));
        }
    }

    private static Duration timeToFill(ChatProperties.Rate rate) {
        return rate.period().multipliedBy((rate.capacity() + rate.refill() - 1) / rate.refill());
    }

    private static Duration max(Duration... durations) {
        Duration max = Duration.ZERO;
        for (Duration d : durations) {
            max = d.compareTo(max) > 0 ? d : max;
        }
        return max;
    }
}
