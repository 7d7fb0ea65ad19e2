package io.kefu.channel.dingtalk;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A loopback HTTP server playing DingTalk as documented: {@code POST /v1.0/oauth2/accessToken}
 * hands out a token for the right AppKey and AppSecret ({@code {"accessToken", "expireIn"}}, else
 * HTTP 400 {@code {"code", "message"}}); {@code POST /v1.0/robot/oToMessages/batchSend} accepts a
 * message with the current token in {@code x-acs-dingtalk-access-token} (else HTTP 401
 * {@code InvalidAuthentication}); {@code POST /robot/sendBySession} (a session webhook) answers
 * {@code {"errcode":0}}. While told to fail, both send calls answer HTTP 500.
 */
final class FakeDingTalkPlatform implements AutoCloseable {

    record Sent(String path, String query, String body) {
    }

    private final HttpServer server;
    private final String appKey;
    private final String appSecret;
    private final List<Sent> sent = new CopyOnWriteArrayList<>();
    private final AtomicInteger tokensIssued = new AtomicInteger();
    private final AtomicInteger failuresLeft = new AtomicInteger();

    FakeDingTalkPlatform(String appKey, String appSecret) {
        this.appKey = appKey;
        this.appSecret = appSecret;
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/v1.0/oauth2/accessToken", this::token);
        server.createContext("/v1.0/robot/oToMessages/batchSend", this::batchSend);
        server.createContext("/robot/sendBySession", this::sendBySession);
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

    private String currentToken() {
        return "dt-token-" + tokensIssued.get();
    }

    private void token(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        if (!body.contains("\"appKey\":\"" + appKey + "\"") || !body.contains("\"appSecret\":\"" + appSecret + "\"")) {
            answer(exchange, 400, "{\"code\":\"invalidClientIdOrSecret\",\"message\":\"无效的clientId或者clientSecret\"}");
            return;
        }
        tokensIssued.incrementAndGet();
        answer(exchange, 200, "{\"accessToken\":\"" + currentToken() + "\",\"expireIn\":7200}");
    }

    private void batchSend(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        if (failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            answer(exchange, 500, "{\"code\":\"ServiceUnavailable\"}");
            return;
        }
        if (!currentToken().equals(exchange.getRequestHeaders().getFirst("x-acs-dingtalk-access-token"))) {
            answer(exchange, 401, "{\"code\":\"InvalidAuthentication\",\"message\":\"不合法的access_token\"}");
            return;
        }
        sent.add(new Sent("/v1.0/robot/oToMessages/batchSend", null, body));
        answer(exchange, 200, "{\"processQueryKey\":\"q" + sent.size() + "\",\"invalidStaffIdList\":[],\"flowControlledStaffIdList\":[]}");
    }

    private void sendBySession(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        if (failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            answer(exchange, 500, "down");
            return;
        }
        sent.add(new Sent("/robot/sendBySession", exchange.getRequestURI().getQuery(), body));
        answer(exchange, 200, "{\"errcode\":0,\"errmsg\":\"ok\"}");
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
