package io.kefu.chat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.kefu.testing.H2Database;
import io.kefu.testing.StompChat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The chat's public door under pressure, with limits set low: new visitors per address and
 * messages per address (HTTP, each scenario from its own loopback address, 127.0.0.x, so the
 * per-address buckets of one do not touch another's), messages per visitor over the WebSocket
 * (an error frame, the connection stays, nothing stored), the 10,000-character message that fits a
 * frame and the frame that does not (the connection closes, nothing stored), and the CORS
 * preflight of an allowed and a refused origin. The limits live in memory on the node, whatever
 * the database, so H2 is enough here; the journeys run the rest on H2 and MariaDB.
 */
@H2Database("chat-limits")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class H2ChatDoorLimitsTest {

    static final String CHANNEL = "limits-web";
    static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("kefu.chat.channels[0].key", () -> CHANNEL);
        registry.add("kefu.chat.channels[0].secret", () -> "limits-secret-0123456789");
        registry.add("kefu.chat.channels[0].allowed-origins", () -> "https://shop.example");
        registry.add("kefu.chat.messages-per-visitor.capacity", () -> "5");
        registry.add("kefu.chat.messages-per-visitor.refill", () -> "1");
        registry.add("kefu.chat.messages-per-visitor.period", () -> "PT1H");
        registry.add("kefu.chat.messages-per-address.capacity", () -> "12");
        registry.add("kefu.chat.messages-per-address.refill", () -> "1");
        registry.add("kefu.chat.messages-per-address.period", () -> "PT1H");
        registry.add("kefu.chat.visitors-per-address.capacity", () -> "6");
        registry.add("kefu.chat.visitors-per-address.refill", () -> "1");
        registry.add("kefu.chat.visitors-per-address.period", () -> "PT1H");
    }

    @Test
    void newVisitorsAreLimitedPerAddressWithRetryAfter() throws Exception {
        long before = count("chat_visitor");
        for (int i = 0; i < 6; i++) {
            assertThat(from("127.0.0.2", "POST", "/chat/api/visitors", "{\"channelKey\":\"" + CHANNEL + "\"}").status)
                    .isEqualTo(201);
        }
        Raw refused = from("127.0.0.2", "POST", "/chat/api/visitors", "{\"channelKey\":\"" + CHANNEL + "\"}");
        assertThat(refused.status).isEqualTo(429);
        assertThat(Long.parseLong(refused.headers.get("retry-after"))).isBetween(1L, 3600L);
        assertThat(JSON.readTree(refused.body).get("detail").asText()).contains("new visitors from this address");
        assertThat(from("127.0.0.3", "POST", "/chat/api/visitors", "{\"channelKey\":\"" + CHANNEL + "\"}").status)
                .as("another address has its own bucket").isEqualTo(201);
        assertThat(count("chat_visitor")).as("nothing stored for the refused one").isEqualTo(before + 7);
    }

    @Test
    void messagesAreLimitedPerAddressOverAllItsVisitors() throws Exception {
        String[] tokens = new String[3];
        for (int i = 0; i < tokens.length; i++) {
            tokens[i] = JSON.readTree(from("127.0.0.4", "POST", "/chat/api/visitors",
                    "{\"channelKey\":\"" + CHANNEL + "\"}").body).get("visitorToken").asText();
        }
        String form = "{\"name\":\"Lin\",\"email\":\"lin@example.com\"}";
        for (int i = 0; i < 5; i++) {
            assertThat(from("127.0.0.4", "POST", "/chat/api/visitors/current/contact", form, tokens[0]).status).isEqualTo(204);
            assertThat(from("127.0.0.4", "POST", "/chat/api/visitors/current/contact", form, tokens[1]).status).isEqualTo(204);
        }
        assertThat(from("127.0.0.4", "POST", "/chat/api/visitors/current/contact", form, tokens[0]).status)
                .as("the visitor's own bucket is empty").isEqualTo(429);
        assertThat(from("127.0.0.4", "POST", "/chat/api/visitors/current/contact", form, tokens[2]).status).isEqualTo(204);
        assertThat(from("127.0.0.4", "POST", "/chat/api/visitors/current/contact", form, tokens[2]).status).isEqualTo(204);
        Raw refused = from("127.0.0.4", "POST", "/chat/api/visitors/current/contact", form, tokens[2]);
        assertThat(refused.status).isEqualTo(429);
        assertThat(JSON.readTree(refused.body).get("detail").asText()).contains("messages from this address");
        assertThat(refused.headers).containsKey("retry-after");
        assertThat(from("127.0.0.5", "POST", "/chat/api/visitors/current/contact", form, tokens[2]).status)
                .as("the same visitor from another address").isEqualTo(204);
    }

    @Test
    void aVisitorOverItsRateGetsAnErrorFrameKeepsTheConnectionAndNothingIsStored() throws Exception {
        String token = StompChat.newVisitorToken(port, CHANNEL);
        try (StompChat widget = StompChat.visitor(port, CHANNEL, token, "https://shop.example")) {
            for (int i = 0; i < 5; i++) {
                widget.send("/app/chat.typing", Map.of("typing", i % 2 == 0));
            }
            long messages = count("message");
            widget.send("/app/chat.send", Map.of("clientMessageId", "over-1", "text", "One message too many"));
            JsonNode refused = widget.await("/user/queue/errors", e -> e.has("code"));
            assertThat(refused.get("code").asText()).isEqualTo("rate_limited");
            assertThat(refused.get("clientMessageId").asText()).isEqualTo("over-1");
            assertThat(refused.get("text").asText()).contains("messages from this visitor");
            widget.send("/app/chat.resume", Map.of("lastSeq", 0));
            widget.await("/user/queue/chat", e -> e.path("type").asText().equals("resume"));
            assertThat(widget.connected()).as("the connection stays").isTrue();
            assertThat(count("message")).as("nothing stored").isEqualTo(messages);
        }
    }

    @Test
    void aMessageOfTenThousandCharactersFitsAFrameAndALargerFrameClosesTheConnection() throws Exception {
        String token = StompChat.newVisitorToken(port, CHANNEL);
        try (StompChat widget = StompChat.visitor(port, CHANNEL, token, "https://shop.example")) {
            String longest = "订".repeat(10_000);
            widget.send("/app/chat.send", Map.of("clientMessageId", "long-1", "text", longest));
            // The longest message is a full intake (triage reads all of it): give a loaded machine time.
            await().atMost(Duration.ofSeconds(90)).until(() -> !widget.at("/user/queue/errors").isEmpty()
                    || widget.at("/user/queue/chat").stream().anyMatch(e -> e.path("type").asText().equals("ack")));
            assertThat(widget.at("/user/queue/errors")).as("refused " + widget.failures()).isEmpty();
            long messageId = widget.await("/user/queue/chat", e -> e.path("type").asText().equals("ack"))
                    .get("messageId").asLong();
            assertThat(jdbc.sql("SELECT body FROM message WHERE id = ?").param(messageId).query(String.class).single())
                    .isEqualTo(longest);

            long messages = count("message");
            widget.sendRaw("/app/chat.send", "{\"clientMessageId\":\"huge-1\",\"text\":\"" + "x".repeat(70_000) + "\"}");
            await().until(() -> !widget.connected());
            assertThat(widget.failures().toString()).contains("Connection closed");
            assertThat(widget.closeStatus().getCode()).as("message too big").isEqualTo(1009);
            assertThat(count("message")).as("nothing of the frame stored").isEqualTo(messages);
        }
    }

    @Test
    void theCorsPreflightAnswersAnAllowedOriginAndRefusesAnother() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> allowed = http.send(preflight("https://shop.example"), HttpResponse.BodyHandlers.ofString());
        assertThat(allowed.statusCode()).isEqualTo(200);
        assertThat(allowed.headers().firstValue("Access-Control-Allow-Origin")).hasValue("https://shop.example");
        assertThat(allowed.headers().firstValue("Access-Control-Allow-Headers").orElse("").toLowerCase(Locale.ROOT))
                .contains("x-kefu-visitor-token");
        assertThat(allowed.headers().firstValue("Access-Control-Allow-Credentials")).isEmpty();
        HttpResponse<String> refused = http.send(preflight("https://evil.example"), HttpResponse.BodyHandlers.ofString());
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    private HttpRequest preflight(String origin) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/chat/api/visitors/current/contact"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", origin).header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "content-type,x-kefu-visitor-token").build();
    }

    private long count(String table) {
        return jdbc.sql("SELECT COUNT(*) FROM " + table).query(Long.class).single();
    }

    /** A raw HTTP answer: status, headers (names lower case), body. */
    record Raw(int status, Map<String, String> headers, String body) {
    }

    /**
     * One HTTP/1.1 request over a socket bound to {@code localAddress} (any 127.0.0.x reaches the
     * loopback server), so the server sees that client address; the JDK's HTTP client cannot choose it.
     */
    private Raw from(String localAddress, String method, String path, String json, String... token) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        StringBuilder head = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: localhost:" + port
                + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\nConnection: close\r\n");
        if (token.length > 0) {
            head.append("X-Kefu-Visitor-Token: ").append(token[0]).append("\r\n");
        }
        head.append("\r\n");
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port, InetAddress.getByName(localAddress), 0)) {
            OutputStream out = socket.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            in.transferTo(all);
            String text = all.toString(StandardCharsets.UTF_8);
            int split = text.indexOf("\r\n\r\n");
            String[] lines = text.substring(0, split).split("\r\n");
            Map<String, String> headers = new LinkedHashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                headers.put(lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).strip());
            }
            String rest = text.substring(split + 4);
            if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
                rest = unchunk(rest);
            }
            return new Raw(Integer.parseInt(lines[0].split(" ")[1]), headers, rest);
        }
    }

    private static String unchunk(String chunked) {
        StringBuilder out = new StringBuilder();
        int at = 0;
        while (true) {
            int end = chunked.indexOf("\r\n", at);
            int size = Integer.parseInt(chunked.substring(at, end).strip(), 16);
            if (size == 0) {
                return out.toString();
            }
            out.append(chunked, end + 2, end + 2 + size);
            at = end + 2 + size + 2;
        }
    }
}
