package io.kefu.chat;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

/** A claim to be a known customer without a valid HMAC signature of the channel's secret (403). */
@ResponseStatus(HttpStatus.FORBIDDEN)
public class IdentityRefusedException extends ChatRefusedException {

    public IdentityRefusedException(String detail) {
        super("identity_refused", detail);
    }
}
