package io.kefu.chat;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

/** No chat channel has that key (404). */
@ResponseStatus(HttpStatus.NOT_FOUND)
public class ChatChannelNotFoundException extends ChatRefusedException {

    public ChatChannelNotFoundException(String key) {
        super("not_found", "No chat channel has the key '" + (key == null ? "" : key.length() > 64 ? key.substring(0, 64) : key)
                + "'");
    }
}
