package io.kefu.chat;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

/**
 * A chat request refused for a reason the client can act on; {@code code} is the wire
 * protocol's error code (docs/CHANNELS.md), the HTTP status is the subclass's (400 here).
 */
@ResponseStatus(HttpStatus.BAD_REQUEST)
public class ChatRefusedException extends RuntimeException {

    private final String code;

    public ChatRefusedException(String code, String detail) {
        super(detail);
        this.code = code;
    }

    /** The wire protocol's error code, e.g. {@code bad_request}, {@code rate_limited}. */
    public String code() {
        return code;
    }
}
