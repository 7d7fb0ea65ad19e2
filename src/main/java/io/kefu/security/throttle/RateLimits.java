package io.kefu.security.throttle;

import java.util.Optional;

import io.github.bucket4j.TimeMeter;

import org.springframework.stereotype.Component;

/**
 * The request rate limits: customer messages per customer and per principal, knowledge-base search
 * per principal. Each call takes a token or says how long to wait; a request refused by one limit
 * gives back what it took from the others, so it costs nothing.
 */
@Component
public class RateLimits {

    private final boolean enabled;
    private final KeyedBuckets messagesPerCustomer;
    private final KeyedBuckets messagesPerPrincipal;
    private final KeyedBuckets searchesPerPrincipal;
    private final KeyedBuckets inboundEventsPerPrincipal;

    RateLimits(RateLimitProperties properties, TimeMeter time) {
        this.enabled = properties.enabled();
        this.messagesPerCustomer = new KeyedBuckets(properties.messagesPerCustomer(), properties.maxKeys(), time);
        this.messagesPerPrincipal = new KeyedBuckets(properties.messagesPerPrincipal(), properties.maxKeys(), time);
        this.searchesPerPrincipal = new KeyedBuckets(properties.knowledgeSearchPerPrincipal(), properties.maxKeys(),
                time);
        this.inboundEventsPerPrincipal = new KeyedBuckets(properties.inboundEventsPerPrincipal(), properties.maxKeys(),
                time);
    }

    /**
     * One customer message.
     *
     * @param principal the signed-in user or {@code token:<name>}, null when unknown
     * @param customer  the message's {@code customerExternalId}, null when the body has none
     */
    Optional<Refusal> message(String principal, String customer) {
        if (!enabled) {
            return Optional.empty();
        }
        if (principal != null) {
            long wait = messagesPerPrincipal.take(principal);
            if (wait > 0) {
                return refusal(wait, "Too many messages from " + principal);
            }
        }
        if (customer != null) {
            long wait = messagesPerCustomer.take(customer);
            if (wait > 0) {
                if (principal != null) {
                    messagesPerPrincipal.giveBack(principal);
                }
                return refusal(wait, "Too many messages for customer " + KeyedBuckets.cut(customer));
            }
        }
        return Optional.empty();
    }

    /** One knowledge-base search or type-ahead suggestion. */
    Optional<Refusal> knowledgeSearch(String principal) {
        if (!enabled || principal == null) {
            return Optional.empty();
        }
        long wait = searchesPerPrincipal.take(principal);
        return wait > 0 ? refusal(wait, "Too many knowledge-base searches from " + principal) : Optional.empty();
    }

    /** One request to the signed inbound webhook. */
    Optional<Refusal> inboundEvent(String principal) {
        if (!enabled || principal == null) {
            return Optional.empty();
        }
        long wait = inboundEventsPerPrincipal.take(principal);
        return wait > 0 ? refusal(wait, "Too many inbound events from " + principal) : Optional.empty();
    }

    private static Optional<Refusal> refusal(long nanos, String what) {
        long seconds = TooManyRequests.seconds(nanos);
        return Optional.of(new Refusal(seconds, what + ": retry in " + seconds + " s"));
    }

    /** A refused request: when to retry and the sentence for the problem's {@code detail}. */
    record Refusal(long retryAfterSeconds, String detail) {
    }
}
