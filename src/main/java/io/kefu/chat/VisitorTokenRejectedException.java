package io.kefu.chat;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

/** An unknown or revoked visitor token, or one of another channel (401): start a new visitor. */
@ResponseStatus(HttpStatus.UNAUTHORIZED)
public class VisitorTokenRejectedException extends ChatRefusedException {

    public VisitorTokenRejectedException() {
        super("visitor_token_rejected", "The visitor token is unknown, revoked or of another channel; start a new visitor");
    }
}
