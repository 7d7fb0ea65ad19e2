package io.kefu.channel.wecom;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpExchange;

import io.kefu.testing.LoopbackPlatform;
import io.kefu.testing.MediaUploads;

/**
 * A loopback HTTP server playing WeCom's server API as documented: {@code GET /cgi-bin/gettoken}
 * hands out an access token for the right CorpID and Secret ({@code {"errcode":0, "access_token",
 * "expires_in"}}, else errcode 40013 / 40001); {@code POST /cgi-bin/message/send} accepts a message
 * for the current token (errcode 0, {@code invaliduser} empty) or answers 40014 for another;
 * {@code POST /cgi-bin/media/upload} takes temporary media; while told to fail a send answers
 * HTTP 500.
 */
final class FakeWeComPlatform extends LoopbackPlatform {

    record Sent(String query, String body) {
    }

    private final String corpId;
    private final String secret;
    private final List<Sent> sent = new CopyOnWriteArrayList<>();
    private final List<MediaUploads.Upload> uploads = new CopyOnWriteArrayList<>();

    FakeWeComPlatform(String corpId, String secret) {
        super("wecom-token-");
        this.corpId = corpId;
        this.secret = secret;
        route("/cgi-bin/gettoken", this::token);
        route("/cgi-bin/message/send", this::send);
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

    private void token(HttpExchange exchange) throws IOException {
        String query = exchange.getRequestURI().getQuery();
        if (!query.contains("corpid=" + corpId)) {
            answer(exchange, 200, "{\"errcode\":40013,\"errmsg\":\"invalid corpid\"}");
        } else if (!query.contains("corpsecret=" + secret)) {
            answer(exchange, 200, "{\"errcode\":40001,\"errmsg\":\"invalid secret\"}");
        } else {
            answer(exchange, 200, "{\"errcode\":0,\"errmsg\":\"ok\",\"access_token\":\"" + issueToken()
                    + "\",\"expires_in\":7200}");
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
            answer(exchange, 200, "{\"errcode\":40014,\"errmsg\":\"invalid access_token\"}");
            return;
        }
        sent.add(new Sent(query, body));
        answer(exchange, 200, "{\"errcode\":0,\"errmsg\":\"ok\",\"invaliduser\":\"\",\"msgid\":\"m" + sent.size() + "\"}");
    }

    private void upload(HttpExchange exchange) throws IOException {
        MediaUploads.Upload upload = MediaUploads.receive(exchange, currentToken(), uploads);
        if (upload != null) {
            answer(exchange, 200, "{\"errcode\":0,\"errmsg\":\"ok\",\"type\":\"" + upload.type() + "\",\"media_id\":\"media-"
                    + (uploads.size() - 1) + "\",\"created_at\":\"1700000000\"}");
        }
    }
}
