package io.kefu.chat;

import java.net.InetSocketAddress;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.server.HandshakeInterceptor;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The visitors' WebSocket handshake ({@code /chat/ws?channelKey=…}): the channel must exist and
 * the page's {@code Origin} be allowed for it (403 otherwise, before any STOMP frame); the
 * channel and the client's address are kept for the connection.
 */
class ChatHandshake implements HandshakeInterceptor {

    static final String CHANNEL = "kefu.chat.channel";
    static final String ADDRESS = "kefu.chat.address";

    private final ChatChannels channels;

    ChatHandshake(ChatChannels channels) {
        this.channels = channels;
    }

    @Override
    public boolean beforeHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
            Map<String, Object> attributes) {
        String key = UriComponentsBuilder.fromUri(request.getURI()).build().getQueryParams().getFirst("channelKey");
        var channel = channels.find(key);
        if (channel.isEmpty()) {
            response.setStatusCode(HttpStatus.NOT_FOUND);
            return false;
        }
        if (!channels.allowed(channel.get(), request)) {
            response.setStatusCode(HttpStatus.FORBIDDEN);
            return false;
        }
        attributes.put(CHANNEL, channel.get().key());
        attributes.put(ADDRESS, address(request));
        return true;
    }

    @Override
    public void afterHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
            Exception exception) {
    }

    static String address(ServerHttpRequest request) {
        InetSocketAddress remote = request.getRemoteAddress();
        return remote == null || remote.getAddress() == null ? "unknown" : remote.getAddress().getHostAddress();
    }
}
