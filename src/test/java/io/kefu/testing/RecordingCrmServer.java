package io.kefu.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;

/**
 * A real HTTP server on loopback standing in for the CRM: records every request (headers and
 * body) and answers 200, or 500 while it is told to fail, or hangs while it is told to stall; told to,
 * it takes a while over each answer, as a CRM across a network does.
 */
public final class RecordingCrmServer implements AutoCloseable {

    /** One request as the CRM received it. */
    public record Received(String method, String path, Map<String, List<String>> headers, String body, int answeredWith) {
        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .findFirst().map(e -> e.getValue().get(0)).orElse(null);
        }
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger failuresLeft = new AtomicInteger();
    private final AtomicInteger stallsLeft = new AtomicInteger();
    private volatile long stallMillis;
    private volatile long latencyMillis;

    public RecordingCrmServer() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            String body;
            try (InputStream in = exchange.getRequestBody()) {
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            if (stallsLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                // A CRM that hangs: the answer comes after the client gave up waiting.
                try {
                    Thread.sleep(stallMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                        Map.copyOf(exchange.getRequestHeaders()), body, 0));
                exchange.close();
                return;
            }
            if (latencyMillis > 0) {
                // A CRM that takes its time: the sender waits this long for every answer.
                try {
                    Thread.sleep(latencyMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            int status = failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0 ? 500 : 200;
            received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    Map.copyOf(exchange.getRequestHeaders()), body, status));
            byte[] answer = (status == 200 ? "{\"ok\":true}" : "{\"error\":\"CRM unavailable\"}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/crm/tickets";
    }

    /** Answer 500 to the next {@code count} requests. */
    public void failNext(int count) {
        failuresLeft.set(count);
    }

    /**
     * Hold the next {@code count} requests for {@code millis} before dropping the connection
     * unanswered (recorded with status 0): a CRM that times out.
     */
    public void stallNext(int count, long millis) {
        stallMillis = millis;
        stallsLeft.set(count);
    }

    /** Take {@code millis} over every answer from now on (0: answer at once). */
    public void answerAfter(long millis) {
        latencyMillis = millis;
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    /** Requests answered 200, i.e. deliveries the CRM accepted. */
    public List<Received> accepted() {
        return received.stream().filter(r -> r.answeredWith() == 200).toList();
    }

    public void clear() {
        received.clear();
        failuresLeft.set(0);
        stallsLeft.set(0);
        latencyMillis = 0;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
