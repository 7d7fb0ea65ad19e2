package io.kefu.channel.dingtalk;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpExchange;

import io.kefu.testing.LoopbackPlatform;

/**
 * A loopback HTTP server playing DingTalk as documented: {@code POST /v1.0/oauth2/accessToken}
 * hands out a token for the right AppKey and AppSecret ({@code {"accessToken", "expireIn"}}, else
 * HTTP 400 {@code {"code", "message"}}); {@code POST /v1.0/robot/oToMessages/batchSend} accepts a
 * message with the current token in {@code x-acs-dingtalk-access-token} (else HTTP 401
 * {@code InvalidAuthentication}); {@code POST /robot/sendBySession} (a session webhook) answers
 * {@code {"errcode":0}}. While told to fail, both send calls answer HTTP 500.
 */
final class FakeDingTalkPlatform extends LoopbackPlatform {

    record Sent(String path, String query, String body) {
    }

    private final String appKey;
    private final String appSecret;
    private final List<Sent> sent = new CopyOnWriteArrayList<>();

    FakeDingTalkPlatform(String appKey, String appSecret) {
        super("dt-token-");
        this.appKey = appKey;
        this.appSecret = appSecret;
        route("/v1.0/oauth2/accessToken", this::token);
        route("/v1.0/robot/oToMessages/batchSend", this::batchSend);
        route("/robot/sendBySession", this::sendBySession);
        start();
    }

    List<Sent> sent() {
        return sent;
    }

    private void token(HttpExchange exchange) throws IOException {
        String body = text(exchange);
        if (!body.contains("\"appKey\":\"" + appKey + "\"") || !body.contains("\"appSecret\":\"" + appSecret + "\"")) {
            answer(exchange, 400, "{\"code\":\"invalidClientIdOrSecret\",\"message\":\"无效的clientId或者clientSecret\"}");
            return;
        }
        answer(exchange, 200, "{\"accessToken\":\"" + issueToken() + "\",\"expireIn\":7200}");
    }

    private void batchSend(HttpExchange exchange) throws IOException {
        String body = text(exchange);
        if (failing()) {
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
        String body = text(exchange);
        if (failing()) {
            answer(exchange, 500, "down");
            return;
        }
        sent.add(new Sent("/robot/sendBySession", exchange.getRequestURI().getQuery(), body));
        answer(exchange, 200, "{\"errcode\":0,\"errmsg\":\"ok\"}");
    }
}
