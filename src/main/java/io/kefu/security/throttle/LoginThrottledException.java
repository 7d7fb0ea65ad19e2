package io.kefu.security.throttle;

import java.time.Duration;

import org.springframework.security.authentication.AccountStatusException;

/**
 * A sign-in refused without checking the password, because too many attempts failed for the user
 * name or from the address. An {@link AccountStatusException}, so Spring Security's provider
 * manager reports it at once instead of asking another provider to check the password anyway.
 */
public class LoginThrottledException extends AccountStatusException {

    private final Duration retryAfter;

    LoginThrottledException(String detail, Duration retryAfter) {
        super(detail);
        this.retryAfter = retryAfter;
    }

    /** When the next attempt will be looked at (at least 1 s). */
    public Duration retryAfter() {
        return retryAfter;
    }

    /** {@link #retryAfter()} in whole seconds, rounded up, as {@code Retry-After} wants it. */
    public long retryAfterSeconds() {
        return TooManyRequests.seconds(retryAfter.toNanos());
    }
}
