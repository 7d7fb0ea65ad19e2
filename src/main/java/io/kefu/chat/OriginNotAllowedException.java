package io.kefu.chat;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

/** A page whose origin is not on the channel's allow-list (403). */
@ResponseStatus(HttpStatus.FORBIDDEN)
public class OriginNotAllowedException extends ChatRefusedException {

    public OriginNotAllowedException(String channelKey, String origin) {
        super("origin_not_allowed", "Origin " + origin + " may not use chat channel '" + channelKey
                + "' (kefu.chat.channels[].allowed-origins)");
    }
}
