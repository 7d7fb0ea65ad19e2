package io.kefu.chat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.http.HttpHeaders;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.util.WebUtils;

/**
 * The configured channel keys, and the one origin check for the handshake and the HTTP calls:
 * a page may use a channel when its origin is on the channel's allow-list or is Kefu's own.
 */
@Component
public class ChatChannels {

    /** Shortest secret accepted: signatures made with a guessable one would prove nothing. */
    static final int MIN_SECRET_LENGTH = 16;

    private final Map<String, ChatChannel> byKey = new LinkedHashMap<>();

    ChatChannels(ChatProperties properties) {
        for (ChatChannel channel : properties.channels()) {
            if (channel.secret() == null || channel.secret().length() < MIN_SECRET_LENGTH) {
                throw new IllegalStateException("Chat channel '" + channel.key() + "' needs a secret of at least "
                        + MIN_SECRET_LENGTH + " characters (kefu.chat.channels[].secret, KEFU_CHAT_CHANNEL_SECRET)");
            }
            if (byKey.put(channel.key(), channel) != null) {
                throw new IllegalStateException("Chat channel key '" + channel.key() + "' is configured twice");
            }
        }
    }

    public Optional<ChatChannel> find(String key) {
        return key == null ? Optional.empty() : Optional.ofNullable(byKey.get(key));
    }

    /** The channel of that key; {@link ChatChannelNotFoundException} otherwise. */
    public ChatChannel require(String key) {
        return find(key).orElseThrow(() -> new ChatChannelNotFoundException(key));
    }

    public List<ChatChannel> all() {
        return List.copyOf(byKey.values());
    }

    /**
     * Refuses a request from a page whose origin the channel does not allow; a request without
     * {@code Origin} (a native app, a server) and one from Kefu's own pages pass.
     */
    void checkOrigin(ChatChannel channel, ServerHttpRequest request) {
        String origin = request.getHeaders().getFirst(HttpHeaders.ORIGIN);
        if (!allowed(channel, request)) {
            throw new OriginNotAllowedException(channel.key(), origin);
        }
    }

    boolean allowed(ChatChannel channel, ServerHttpRequest request) {
        String origin = request.getHeaders().getFirst(HttpHeaders.ORIGIN);
        return origin == null || WebUtils.isSameOrigin(request) || channel.allowsOrigin(origin);
    }
}
