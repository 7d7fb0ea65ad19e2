package io.kefu.security.throttle;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

import io.kefu.security.SignedIn;

/**
 * The per-principal limit of the signed inbound webhook, checked before its signature is computed
 * or anything is read, so a flood from one token costs next to nothing.
 */
@Component
public class InboundEventLimitCheck {

    private final RateLimits limits;

    InboundEventLimitCheck(RateLimits limits) {
        this.limits = limits;
    }

    /** Refuses with 429 (and {@code Retry-After}) when the caller is over the limit. */
    public void check() {
        limits.inboundEvent(SignedIn.current().map(Authentication::getName).orElse(null))
                .ifPresent(refusal -> {
                    throw new TooManyRequestsException(refusal.retryAfterSeconds(), refusal.detail());
                });
    }
}
