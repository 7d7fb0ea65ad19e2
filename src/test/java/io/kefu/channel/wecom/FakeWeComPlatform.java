package io.kefu.channel.wecom;

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
 * A loopback HTTP server playing WeCom's server API as documented: {@code GET /cgi-bin/gettoken}
 * hands out an access token for the right CorpID and Secret ({@code {"errcode":0, "access_token",
 * "expires_in"}}, else errcode 40013 / 40001); {@code POST /cgi-bin/message/send} accepts a message
 * for the current token (errcode 0, {@code invaliduser} empty) or answers 40014 for another; while
 * told to fail it answers HTTP 500.
 */
final class FakeWeComPlatform implements AutoCloseable {

    record Sent(String query, String body) {
    }

    private final HttpServer server;
    private final String corpId;
    private final String secret;
    private final List<Sent> sent = new CopyOnWriteArrayList<>();
    private final List<io.kefu.testing.MediaUploads.Upload> uploads = new CopyOnWriteArrayList<>();
    private final AtomicInteger tokensIssued = new AtomicInteger();
    private final AtomicInteger failuresLeft = new AtomicInteger();

    FakeWeComPlatform(String corpId, String secret) {
        this.corpId = corpId;
        this.secret = secret;
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/cgi-bin/gettoken", this::token);
        server.createContext("/cgi-bin/message/send", this::send);
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

    private String currentToken() {
        return "wecom-token-" + tokensIssued.get();
    }

    private void token(HttpExchange exchange) throws IOException {
        String query = exchange.getRequestURI().getQuery();
        if (!query.contains("corpid=" + corpId)) {
            answer(exchange, 200, "{\"errcode\":40013,\"errmsg\":\"invalid corpid\"}");
        } else if (!query.contains("corpsecret=" + secret)) {
            answer(exchange, 200, "{\"errcode\":40001,\"errmsg\":\"invalid secret\"}");
        } else {
            tokensIssued.incrementAndGet();
            answer(exchange, 200, "{\"errcode\":0,\"errmsg\":\"ok\",\"access_token\":\"" + currentToken()
                    + "\",\"expires_in\":7200}");
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
            answer(exchange, 200, "{\"errcode\":40014,\"errmsg\":\"invalid access_token\"}");
            return;
        }
        sent.add(new Sent(query, body));
        answer(exchange, 200, "{\"errcode\":0,\"errmsg\":\"ok\",\"invaliduser\":\"\",\"msgid\":\"m" + sent.size() + "\"}");
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
        answer(exchange, 200, "{\"errcode\":0,\"errmsg\":\"ok\",\"type\":\"" + upload.type() + "\",\"media_id\":\"" + mediaId + "\",\"created_at\":\"1700000000\"}");
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
