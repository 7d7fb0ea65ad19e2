package io.kefu.security;

import org.springframework.stereotype.Component;

import io.kefu.security.throttle.MessageLimitCheck;

/**
 * The REST channel's message limits (per customer, per signed-in principal) for controllers that
 * do not read a {@link CustomerAddressed} JSON body, e.g. a multipart upload: 429 with
 * {@code Retry-After} when over.
 */
@Component
public class CustomerMessageRate {

    private final MessageLimitCheck check;

    CustomerMessageRate(MessageLimitCheck check) {
        this.check = check;
    }

    public void check(String customerExternalId) {
        check.check(customerExternalId);
    }
}
