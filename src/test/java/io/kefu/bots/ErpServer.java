package io.kefu.bots;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.kefu.testing.LoopbackPlatform;

/**
 * A loopback ERP for the bots' tests (a JDK {@link HttpServer}): {@code GET /orders/{id}} answers the
 * orders put in {@link #orders} (404 otherwise), {@code POST /refunds} files a refund once per
 * Idempotency-Key ({@code 201 {"refundId": "R-<n>"}}) or refuses orders in {@link #refusing}
 * (409). {@link #down} makes every call a 500. Every request is recorded.
 */
final class ErpServer implements AutoCloseable {

    /** One request as the ERP received it. */
    record Request(String method, String path, String idempotencyKey, String authorization, String body) {
    }

    final Map<String, String> orders = new ConcurrentHashMap<>();
    final Map<String, String> refusing = new ConcurrentHashMap<>();
    final Map<String, String> refundsByKey = new ConcurrentHashMap<>();
    final List<Request> requests = new CopyOnWriteArrayList<>();
    volatile boolean down;
    private final AtomicInteger refundIds = new AtomicInteger(76);
    private final HttpServer server;

    ErpServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        // Daemon threads: a server a test class leaves open never keeps the test JVM alive.
        server.setExecutor(Executors.newFixedThreadPool(2, runnable -> {
            Thread thread = new Thread(runnable, "test-erp");
            thread.setDaemon(true);
            return thread;
        }));
        server.createContext("/", this::handle);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    void reset() {
        orders.clear();
        refusing.clear();
        refundsByKey.clear();
        requests.clear();
        refundIds.set(76);
        down = false;
    }

    List<Request> requests(String method) {
        return requests.stream().filter(r -> r.method().equals(method)).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body;
        try (InputStream in = exchange.getRequestBody()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String path = exchange.getRequestURI().getPath();
        String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
        requests.add(new Request(exchange.getRequestMethod(), path, key,
                exchange.getRequestHeaders().getFirst("Authorization"), body));
        if (down) {
            // 500, not 503: the HTTP client retries a 503 once by itself (Apache HttpClient 5's default).
            LoopbackPlatform.answer(exchange, 500, "{\"error\":\"database unavailable\"}");
        } else if (exchange.getRequestMethod().equals("GET") && path.startsWith("/orders/")) {
            String order = orders.get(path.substring("/orders/".length()));
            LoopbackPlatform.answer(exchange, order == null ? 404 : 200, order == null ? "{\"error\":\"no such order\"}" : order);
        } else if (exchange.getRequestMethod().equals("POST") && path.equals("/refunds")) {
            String refused = refusing.keySet().stream().filter(body::contains).findFirst().map(refusing::get).orElse(null);
            if (refused != null) {
                LoopbackPlatform.answer(exchange, 409, "{\"reason\":\"" + refused + "\"}");
            } else {
                String id = refundsByKey.computeIfAbsent(key == null ? body : key, k -> "R-" + refundIds.incrementAndGet());
                LoopbackPlatform.answer(exchange, 201, "{\"refundId\":\"" + id + "\",\"status\":\"PENDING\"}");
            }
        } else {
            LoopbackPlatform.answer(exchange, 404, "{}");
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
