package io.kefu.channel.wechat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A loopback HTTP server playing the Official Account's API as documented: {@code GET /cgi-bin/token}
 * hands out an access token for the right AppID and secret ({@code {"access_token", "expires_in"}},
 * else errcode 40013/40125); {@code POST /cgi-bin/message/custom/send} accepts a message for the
 * current token (errcode 0) or answers 40001 for another, 43004 for a user who unfollowed and 45002
 * for a text over 2,048 bytes; while told to fail it answers HTTP 500.
 */
final class FakeWeChatPlatform implements AutoCloseable {

    record Sent(String query, String body) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final String appId;
    private final String secret;
    private final List<Sent> sent = new CopyOnWriteArrayList<>();
    private final List<io.kefu.testing.MediaUploads.Upload> uploads = new CopyOnWriteArrayList<>();
    private final AtomicInteger tokensIssued = new AtomicInteger();
    private final AtomicInteger failuresLeft = new AtomicInteger();
    private final Set<String> unfollowed = new CopyOnWriteArraySet<>();

    FakeWeChatPlatform(String appId, String secret) {
        this.appId = appId;
        this.secret = secret;
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/cgi-bin/token", this::token);
        server.createContext("/cgi-bin/message/custom/send", this::send);
        server.createContext("/cgi-bin/media/upload", this::upload);
        server.start();
    }

    String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    List<Sent> sent() {
        return sent;
    }

    int tokensIssued() {
        return tokensIssued.get();
    }

    void failNext(int times) {
        failuresLeft.set(times);
    }

    /** The user stops following the account: messages to them are refused (43004). */
    void unfollow(String openId) {
        unfollowed.add(openId);
    }

    private String currentToken() {
        return "token-" + tokensIssued.get();
    }

    private void token(HttpExchange exchange) throws IOException {
        String query = exchange.getRequestURI().getQuery();
        if (!query.contains("grant_type=client_credential") || !query.contains("appid=" + appId)) {
            answer(exchange, 200, "{\"errcode\":40013,\"errmsg\":\"invalid appid\"}");
        } else if (!query.contains("secret=" + secret)) {
            answer(exchange, 200, "{\"errcode\":40125,\"errmsg\":\"invalid appsecret\"}");
        } else {
            tokensIssued.incrementAndGet();
            answer(exchange, 200, "{\"access_token\":\"" + currentToken() + "\",\"expires_in\":7200}");
        }
    }

    private void send(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        if (failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
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

    /** The files uploaded as temporary media, in order; each upload's media id is {@code media-<index>}. */
    List<io.kefu.testing.MediaUploads.Upload> uploads() {
        return uploads;
    }

    private void upload(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        String query = exchange.getRequestURI().getQuery();
        if (!"POST".equals(exchange.getRequestMethod()) || query == null || !query.startsWith("access_token=" + currentToken() + "&")) {
            answer(exchange, 200, "{\"errcode\":40001,\"errmsg\":\"invalid credential\"}");
            return;
        }
        io.kefu.testing.MediaUploads.Upload upload = io.kefu.testing.MediaUploads.read(
                exchange.getRequestHeaders().getFirst("Content-Type"), query, body);
        if (upload == null || upload.bytes().length == 0) {
            answer(exchange, 200, "{\"errcode\":41005,\"errmsg\":\"media data missing\"}");
            return;
        }
        uploads.add(upload);
        String mediaId = "media-" + (uploads.size() - 1);
        answer(exchange, 200, "{\"type\":\"" + upload.type() + "\",\"media_id\":\"" + mediaId + "\",\"created_at\":1700000000}");
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
