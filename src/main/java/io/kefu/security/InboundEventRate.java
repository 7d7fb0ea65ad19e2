package io.kefu.security;

import org.springframework.stereotype.Component;

import io.kefu.security.throttle.InboundEventLimitCheck;

/**
 * The inbound webhook's rate limit per principal ({@code kefu.security.rate-limits.inbound-events-per-principal}):
 * throws an {@link org.springframework.web.ErrorResponseException} answering 429 with
 * {@code Retry-After} when the caller is over it.
 */
@Component
public class InboundEventRate {

    private final InboundEventLimitCheck check;

    InboundEventRate(InboundEventLimitCheck check) {
        this.check = check;
    }

    public void check() {
        check.check();
    }
}
