package io.kefu.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;

/**
 * What the loopback messenger platforms the channel journeys talk to (WeChat, WeCom, DingTalk)
 * share: an HTTP server on 127.0.0.1 at a free port, access tokens handed out in turn (each new
 * one makes the earlier one invalid, as the platforms' token endpoints do), and a number of send
 * calls to fail with HTTP 500, as a platform that is down. Each subclass adds its own endpoints
 * ({@link #route}) and then {@link #start}s.
 */
public abstract class LoopbackPlatform implements AutoCloseable {

    private final HttpServer server;
    private final String tokenPrefix;
    private final AtomicInteger tokensIssued = new AtomicInteger();
    private final AtomicInteger failuresLeft = new AtomicInteger();

    /** A server not yet started; its tokens are {@code tokenPrefix} followed by their number. */
    protected LoopbackPlatform(String tokenPrefix) {
        this.tokenPrefix = tokenPrefix;
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Serves that path (and every path below it) with the handler. */
    protected final void route(String path, HttpHandler handler) {
        server.createContext(path, handler);
    }

    protected final void start() {
        server.start();
    }

    /** The base URL the engine is configured with, {@code http://127.0.0.1:<port>}. */
    public final String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** How many access tokens the platform handed out. */
    public final int tokensIssued() {
        return tokensIssued.get();
    }

    /** The next {@code times} send calls answer HTTP 500. */
    public final void failNext(int times) {
        failuresLeft.set(times);
    }

    /** The one access token valid now. */
    protected final String currentToken() {
        return tokenPrefix + tokensIssued.get();
    }

    /** Hands out a new access token, which from now on is the only valid one. */
    protected final String issueToken() {
        tokensIssued.incrementAndGet();
        return currentToken();
    }

    /** Whether this send call is one of those told to fail; counts it off if so. */
    protected final boolean failing() {
        return failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0;
    }

    /** The request body, as UTF-8 text. */
    protected static String text(HttpExchange exchange) throws IOException {
        return new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    }

    /** Answers with that status and JSON body, and ends the exchange. */
    public static void answer(HttpExchange exchange, int status, String body) throws IOException {
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
