package io.kefu.chat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.web.socket.CloseStatus;

import io.kefu.testing.StompChat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The limits of the chat's WebSocket door, seen by real STOMP clients, with the stores of H2 and
 * MariaDB behind them (subclasses): a frame over the configured {@code max-frame-bytes}, in one
 * WebSocket message or in several, closes the connection with 1009 and leaves nothing of itself
 * stored, and the visitors of one address over
 * its rate get an error frame each, keep a usable connection, and have nothing over the limit
 * stored.
 * <p>
 * Every client here connects from 127.0.0.1, so both tests draw on one address bucket: the frame
 * test (two messages) runs first and the rate test counts what it is still let through instead of
 * assuming a full bucket.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class ChatWireLimits {

    static final String CHANNEL = "wire-limits-web";
    static final int MAX_FRAME_BYTES = 16_384;
    static final int ADDRESS_CAPACITY = 10;
    static final int VISITOR_CAPACITY = 50;

    @LocalServerPort
    int port;

    @Autowired
    TestRestTemplate http;

    @Autowired
    JdbcClient jdbc;

    /** User name and password of a staff member who reaches every ticket. */
    abstract String[] staff();

    static void limitProperties(DynamicPropertyRegistry registry) {
        registry.add("kefu.chat.channels[0].key", () -> CHANNEL);
        registry.add("kefu.chat.channels[0].secret", () -> "wire-limits-secret-0123456789");
        registry.add("kefu.chat.max-frame-bytes", () -> String.valueOf(MAX_FRAME_BYTES));
        // The address runs dry long before any one visitor does; nothing refills during a test.
        registry.add("kefu.chat.messages-per-visitor.capacity", () -> String.valueOf(VISITOR_CAPACITY));
        registry.add("kefu.chat.messages-per-visitor.refill", () -> "1");
        registry.add("kefu.chat.messages-per-visitor.period", () -> "PT1H");
        registry.add("kefu.chat.messages-per-address.capacity", () -> String.valueOf(ADDRESS_CAPACITY));
        registry.add("kefu.chat.messages-per-address.refill", () -> "1");
        registry.add("kefu.chat.messages-per-address.period", () -> "PT1H");
    }

    @Test
    @Order(1)
    void aFrameOverTheMaxFrameSizeClosesTheConnectionWith1009AndNothingOfItIsStored() throws Exception {
        String token = StompChat.newVisitorToken(port, CHANNEL);
        String origin = "http://localhost:" + port;
        long customerId;
        try (StompChat widget = StompChat.visitor(port, CHANNEL, token, origin)) {
            // Under the limit (some 11,000 bytes of UTF-8) but longer than the container's own
            // message buffer (8,192 characters): the container hands the frame over in parts, which
            // the STOMP decoder joins; the emoji (two UTF-16 units each) straddle where it parts them.
            String large = "包".repeat(1_000) + "x".repeat(7_000) + "😀".repeat(200) + "y".repeat(300);
            widget.send("/app/chat.send", Map.of("clientMessageId", "frame-1", "text", large));
            JsonNode ack = awaitAnswer(widget, "frame-1");
            assertThat(ack.path("type").asText()).as("a frame under the limit " + ack).isEqualTo("ack");
            customerId = customerOf(ack.get("messageId").asLong());
            assertThat(jdbc.sql("SELECT body FROM message WHERE id = ?").param(ack.get("messageId").asLong())
                    .query(String.class).single()).as("stored whole").isEqualTo(large);
            Map<String, Long> before = stored();

            // A few bytes over: the STOMP headers take some 86 bytes beside the body.
            widget.sendRaw("/app/chat.send", "{\"clientMessageId\":\"frame-2\",\"text\":\""
                    + "x".repeat(MAX_FRAME_BYTES - 40) + "\"}");
            assertClosedTooBig(widget);
            assertThat(stored()).as("nothing of the frame stored").isEqualTo(before);
        }
        try (StompChat widget = StompChat.visitor(port, CHANNEL, token, origin)) {
            // Fewer characters than the limit, more bytes: 6,000 Chinese characters are 18,000 bytes.
            Map<String, Long> before = stored();
            widget.send("/app/chat.send", Map.of("clientMessageId", "frame-2", "text", "包".repeat(6_000)));
            assertClosedTooBig(widget);
            assertThat(stored()).as("nothing of the frame stored").isEqualTo(before);
        }

        try (StompChat widget = StompChat.visitor(port, CHANNEL, token, origin)) {
            // One frame in two WebSocket messages, each under the limit, together 20,000 bytes over it.
            Map<String, Long> before = stored();
            widget.sendSplit("/app/chat.send", "{\"clientMessageId\":\"frame-2\",\"text\":\""
                    + "x".repeat(20_000) + "\"}", 2);
            assertClosedTooBig(widget);
            assertThat(stored()).as("nothing of the split frame stored").isEqualTo(before);
        }

        // The client reconnects and sends the message again, short enough now, in three WebSocket
        // messages (under the limit together): stored once, after the first.
        try (StompChat again = StompChat.visitor(port, CHANNEL, token, origin)) {
            again.sendSplit("/app/chat.send", "{\"clientMessageId\":\"frame-2\",\"text\":"
                    + "\"The long log did not fit; in short: it fails\"}", 3);
            assertThat(awaitAnswer(again, "frame-2").path("type").asText()).isEqualTo("ack");
            again.send("/app/chat.resume", Map.of("lastSeq", 0));
            JsonNode history = again.await("/user/queue/chat", e -> e.path("type").asText().equals("resume"));
            assertThat(history.get("messages").findValuesAsText("clientMessageId")).containsExactly("frame-1", "frame-2");
            assertThat(jdbc.sql("""
                    SELECT m.body FROM message m JOIN conversation c ON c.id = m.conversation_id
                     WHERE c.customer_id = ? AND m.client_message_id = 'frame-2'""").param(customerId)
                    .query(String.class).list()).containsExactly("The long log did not fit; in short: it fails");
        }
    }

    @Test
    @Order(2)
    void visitorsOverTheirAddressRateGetAnErrorFrameKeepTheirConnectionAndNothingOverItIsStored() throws Exception {
        String origin = "http://localhost:" + port;
        List<StompChat> widgets = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                widgets.add(StompChat.visitor(port, CHANNEL, StompChat.newVisitorToken(port, CHANNEL), origin));
            }
            int[] accepted = new int[widgets.size()];
            List<Long> ticketOf = new ArrayList<>(List.of(0L, 0L, 0L));
            JsonNode refused = null;
            int refusedBy = -1;
            // Round robin over the three visitors until the address is refused.
            for (int i = 0; i <= ADDRESS_CAPACITY && refused == null; i++) {
                int v = i % widgets.size();
                String id = "addr-" + i;
                widgets.get(v).send("/app/chat.send", Map.of("clientMessageId", id, "text", "Where is my parcel? It is late"));
                JsonNode answer = awaitAnswer(widgets.get(v), id);
                if (answer.path("type").asText().equals("ack")) {
                    accepted[v]++;
                    ticketOf.set(v, answer.get("ticketId").asLong());
                } else {
                    refused = answer;
                    refusedBy = v;
                }
            }
            int acks = accepted[0] + accepted[1] + accepted[2];
            assertThat(refused).as("refused within the address capacity").isNotNull();
            assertThat(acks).as("the frame test took at most two").isBetween(ADDRESS_CAPACITY - 2, ADDRESS_CAPACITY);
            assertThat(java.util.Arrays.stream(accepted).boxed().toList()).as("per visitor")
                    .allSatisfy(n -> assertThat(n).isPositive().isLessThan(VISITOR_CAPACITY));
            assertThat(refused.get("code").asText()).isEqualTo("rate_limited");
            assertThat(refused.get("text").asText()).contains("messages from this address").containsPattern("retry in \\d+ s");

            // Every visitor of the address is refused now, each on its own connection, which stays.
            int other = (refusedBy + 1) % widgets.size();
            widgets.get(other).send("/app/chat.send", Map.of("clientMessageId", "addr-other", "text", "Hello?"));
            JsonNode alsoRefused = awaitAnswer(widgets.get(other), "addr-other");
            assertThat(alsoRefused.path("code").asText()).isEqualTo("rate_limited");
            widgets.get(other).send("/app/chat.typing", Map.of("typing", true));
            widgets.get(other).await("/user/queue/errors", e -> e.path("code").asText().equals("rate_limited")
                    && !e.has("clientMessageId"));

            assertThat(jdbc.sql("SELECT COUNT(*) FROM message WHERE client_message_id LIKE 'addr-%'")
                    .query(Long.class).single()).as("exactly the acknowledged ones stored").isEqualTo(acks);

            // The refused connection is still usable: a resume is answered, an agent's reply arrives live.
            StompChat widget = widgets.get(refusedBy);
            widget.send("/app/chat.resume", Map.of("lastSeq", 0));
            JsonNode history = widget.await("/user/queue/chat", e -> e.path("type").asText().equals("resume"));
            assertThat(history.get("messages").findValuesAsText("clientMessageId")).hasSize(accepted[refusedBy])
                    .doesNotContain(refused.get("clientMessageId").asText());
            long ticketId = ticketOf.get(refusedBy);
            TestRestTemplate api = http.withBasicAuth(staff()[0], staff()[1]);
            await().until(() -> "QUEUED".equals(api.getForObject("/api/tickets/" + ticketId, JsonNode.class)
                    .path("status").asText()));
            api.postForObject("/api/tickets/" + ticketId + "/claim", null, JsonNode.class);
            assertThat(api.postForEntity("/api/tickets/" + ticketId + "/replies", Map.of("text", "It is on its way"),
                    JsonNode.class).getStatusCode()).isEqualTo(HttpStatus.CREATED);
            widget.await("/user/queue/chat", e -> e.path("type").asText().equals("message")
                    && e.path("text").asText().equals("It is on its way"));
            assertThat(widgets).allSatisfy(w -> assertThat(w.connected()).isTrue());
            assertThat(widgets).allSatisfy(w -> assertThat(w.failures()).isEmpty());
        } finally {
            widgets.forEach(StompChat::close);
        }
    }

    private static void assertClosedTooBig(StompChat widget) {
        await().until(() -> widget.closeStatus() != null);
        assertThat(widget.closeStatus().getCode()).as("closed as too big: " + widget.closeStatus())
                .isEqualTo(CloseStatus.TOO_BIG_TO_PROCESS.getCode());
        assertThat(widget.connected()).isFalse();
        assertThat(widget.at("/user/queue/errors")).as("no answer: the frame was never read").isEmpty();
        assertThat(widget.failures()).as("no STOMP ERROR frame").noneMatch(f -> f.startsWith("ERROR"));
    }

    /** The ack or the error event answering the message with that client id. */
    private static JsonNode awaitAnswer(StompChat widget, String clientMessageId) {
        await().until(() -> answer(widget, clientMessageId) != null);
        return answer(widget, clientMessageId);
    }

    private static JsonNode answer(StompChat widget, String clientMessageId) {
        for (String destination : List.of("/user/queue/chat", "/user/queue/errors")) {
            for (JsonNode e : widget.at(destination)) {
                if (clientMessageId.equals(e.path("clientMessageId").asText())
                        && (e.path("type").asText().equals("ack") || e.path("type").asText().equals("error"))) {
                    return e;
                }
            }
        }
        return null;
    }

    private long customerOf(long messageId) {
        return jdbc.sql("SELECT c.customer_id FROM message m JOIN conversation c ON c.id = m.conversation_id WHERE m.id = ?")
                .param(messageId).query(Long.class).single();
    }

    /**
     * Row counts of what a customer's message writes at once: the message (the bot's answers come
     * later, on their own), its conversation and ticket, attachments.
     */
    private Map<String, Long> stored() {
        Map<String, Long> counts = new java.util.TreeMap<>();
        for (String table : List.of("conversation", "ticket", "chat_attachment")) {
            counts.put(table, jdbc.sql("SELECT COUNT(*) FROM " + table).query(Long.class).single());
        }
        counts.put("inbound message", jdbc.sql("SELECT COUNT(*) FROM message WHERE direction = 'INBOUND'")
                .query(Long.class).single());
        return counts;
    }
}
