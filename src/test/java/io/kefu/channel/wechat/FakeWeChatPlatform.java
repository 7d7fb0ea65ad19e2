package io.kefu.channel.wechat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CopyOnWriteArraySet;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;

import io.kefu.testing.LoopbackPlatform;
import io.kefu.testing.MediaUploads;

/**
 * A loopback HTTP server playing the Official Account's API as documented: {@code GET /cgi-bin/token}
 * hands out an access token for the right AppID and secret ({@code {"access_token", "expires_in"}},
 * else errcode 40013/40125); {@code POST /cgi-bin/message/custom/send} accepts a message for the
 * current token (errcode 0) or answers 40001 for another, 43004 for a user who unfollowed and 45002
 * for a text over 2,048 bytes; {@code POST /cgi-bin/media/upload} takes temporary media; while told
 * to fail a send answers HTTP 500.
 */
final class FakeWeChatPlatform extends LoopbackPlatform {

    record Sent(String query, String body) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String appId;
    private final String secret;
    private final List<Sent> sent = new CopyOnWriteArrayList<>();
    private final List<MediaUploads.Upload> uploads = new CopyOnWriteArrayList<>();
    private final Set<String> unfollowed = new CopyOnWriteArraySet<>();

    FakeWeChatPlatform(String appId, String secret) {
        super("token-");
        this.appId = appId;
        this.secret = secret;
        route("/cgi-bin/token", this::token);
        route("/cgi-bin/message/custom/send", this::send);
        route("/cgi-bin/media/upload", this::upload);
        start();
    }

    List<Sent> sent() {
        return sent;
    }

    /** The files uploaded as temporary media, in order; each upload's media id is {@code media-<index>}. */
    List<MediaUploads.Upload> uploads() {
        return uploads;
    }

    /** The user stops following the account: messages to them are refused (43004). */
    void unfollow(String openId) {
        unfollowed.add(openId);
    }

    private void token(HttpExchange exchange) throws IOException {
        String query = exchange.getRequestURI().getQuery();
        if (!query.contains("grant_type=client_credential") || !query.contains("appid=" + appId)) {
            answer(exchange, 200, "{\"errcode\":40013,\"errmsg\":\"invalid appid\"}");
        } else if (!query.contains("secret=" + secret)) {
            answer(exchange, 200, "{\"errcode\":40125,\"errmsg\":\"invalid appsecret\"}");
        } else {
            answer(exchange, 200, "{\"access_token\":\"" + issueToken() + "\",\"expires_in\":7200}");
        }
    }

    private void send(HttpExchange exchange) throws IOException {
        String body = text(exchange);
        if (failing()) {
            answer(exchange, 500, "down");
            return;
        }
        String query = exchange.getRequestURI().getQuery();
        if (!"POST".equals(exchange.getRequestMethod()) || !query.equals("access_token=" + currentToken())) {
            answer(exchange, 200, "{\"errcode\":40001,\"errmsg\":\"invalid credential\"}");
            return;
        }
        if (unfollowed.stream().anyMatch(openId -> body.contains("\"touser\":\"" + openId + "\""))) {
            answer(exchange, 200, "{\"errcode\":43004,\"errmsg\":\"require subscribe\"}");
            return;
        }
        if (content(body).getBytes(StandardCharsets.UTF_8).length > 2048) {
            answer(exchange, 200, "{\"errcode\":45002,\"errmsg\":\"content size out of limit\"}");
            return;
        }
        sent.add(new Sent(query, body));
        answer(exchange, 200, "{\"errcode\":0,\"errmsg\":\"ok\"}");
    }

    private static String content(String body) {
        try {
            return JSON.readTree(body).at("/text/content").asText();
        } catch (IOException e) {
            return body;
        }
    }

    private void upload(HttpExchange exchange) throws IOException {
        MediaUploads.Upload upload = MediaUploads.receive(exchange, currentToken(), uploads);
        if (upload != null) {
            answer(exchange, 200, "{\"type\":\"" + upload.type() + "\",\"media_id\":\"media-" + (uploads.size() - 1)
                    + "\",\"created_at\":1700000000}");
        }
    }
}
