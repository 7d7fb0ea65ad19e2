package io.kefu.ticket;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The channel a conversation came in on. */
public enum Channel {
    WEB, APP, EMAIL, WECHAT, WECOM, DINGTALK, API;

    /** Parses a channel name case-insensitively. */
    public static Optional<Channel> parse(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String wanted = name.trim().toUpperCase(Locale.ROOT);
        return Arrays.stream(values()).filter(c -> c.name().equals(wanted)).findFirst();
    }

    /** Whether the customer waits live on the other side (chat) rather than asynchronously. */
    public boolean isLive() {
        return this == WEB || this == APP || this == WECHAT || this == WECOM || this == DINGTALK;
    }
}
