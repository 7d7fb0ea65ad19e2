package io.kefu.security.throttle;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

import io.kefu.security.SignedIn;

/**
 * The per-customer and per-principal message limits for a customer message that does not arrive
 * as a JSON body (the REST channel's multipart upload): the same buckets as
 * {@link CustomerMessageLimits}, checked before anything is stored.
 */
@Component
public class MessageLimitCheck {

    private final RateLimits limits;

    MessageLimitCheck(RateLimits limits) {
        this.limits = limits;
    }

    /** Refuses with 429 (and {@code Retry-After}) when the caller or this customer is over the limit. */
    public void check(String customerExternalId) {
        limits.message(SignedIn.current().map(Authentication::getName).orElse(null), customerExternalId)
                .ifPresent(refusal -> {
                    throw new TooManyRequestsException(refusal.retryAfterSeconds(), refusal.detail());
                });
    }
}
