package io.kefu.chat;

import java.time.Duration;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

/** Too many messages or new visitors from one visitor or address (429, or an error frame). */
@ResponseStatus(HttpStatus.TOO_MANY_REQUESTS)
public class ChatRateLimitedException extends ChatRefusedException {

    private final Duration retryAfter;

    public ChatRateLimitedException(String what, Duration retryAfter) {
        super("rate_limited", "Too many " + what + "; retry in " + Math.max(1, retryAfter.toSeconds()) + " s");
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
