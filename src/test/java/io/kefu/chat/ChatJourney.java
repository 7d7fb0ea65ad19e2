package io.kefu.chat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.kefu.testing.StompChat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The web chat end to end, with real STOMP clients over WebSocket as the widget and as the agent's
 * workspace, and the REST API as the agent's hands: a visitor's message opens an ordinary ticket
 * that is triaged and routed, the agent's reply reaches the widget, history and resume after a
 * dropped connection, duplicates stored once, identity verification, origins, bad frames and
 * revocation. Subclasses run it on H2 and on real MariaDB.
 */
abstract class ChatJourney {

    static final String CHANNEL = "journey-web";
    static final String SECRET = "journey-secret-0123456789";
    static final String PRE_CHAT_CHANNEL = "journey-prechat";
    static final String PRE_CHAT_SECRET = "journey-prechat-secret-0123";
    static final java.nio.file.Path ATTACHMENTS = temp();

    static java.nio.file.Path temp() {
        try {
            return java.nio.file.Files.createTempDirectory("kefu-chat-attachments-");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    TestRestTemplate http;

    @Autowired
    ObjectMapper json;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    IdentityService identity;

    /** User name and password of a staff member who reaches every ticket. */
    abstract String[] staff();

    String origin() {
        return "http://localhost:" + port;
    }

    TestRestTemplate api() {
        return http.withBasicAuth(staff()[0], staff()[1]);
    }

    @Test
    void aVisitorsMessageBecomesATicketAndTheAgentsReplyReachesTheWidgetLive() throws Exception {
        String token = StompChat.newVisitorToken(port, CHANNEL);
        try (StompChat widget = StompChat.visitor(port, CHANNEL, token, origin());
                StompChat agent = StompChat.agent(port, StompChat.signIn(port, staff()[0], staff()[1]))) {
            widget.send("/app/chat.resume", Map.of("lastSeq", 0));
            JsonNode history = widget.await("/user/queue/chat", e -> e.path("type").asText().equals("resume"));
            assertThat(history.get("messages")).isEmpty();

            widget.send("/app/chat.send", Map.of("clientMessageId", "c-1",
                    "text", "The app crashes with an error every time I log in"));
            JsonNode ack = widget.await("/user/queue/chat", e -> e.path("type").asText().equals("ack"));
            assertThat(ack.get("clientMessageId").asText()).isEqualTo("c-1");
            long ticketId = ack.get("ticketId").asLong();
            long firstSeq = ack.get("seq").asLong();
            assertThat(firstSeq).isPositive();

            JsonNode ticket = awaitStatus(ticketId, "QUEUED");
            assertThat(ticket.get("channel").asText()).isEqualTo("WEB");
            String queue = ticket.get("queue").asText();
            assertThat(queue).as("routed by the rules").isNotBlank();
            assertThat(api().getForObject("/api/workspace/tasks", JsonNode.class).findValuesAsText("ticketId"))
                    .as("an ordinary ticket on the task list").contains(String.valueOf(ticketId));

            agent.subscribe("/topic/tickets." + ticketId);
            agent.subscribe("/topic/queues." + queue);
            // The subscription is in place once a frame sent after it comes back.
            agent.send("/app/agent.typing", Map.of("ticketId", ticketId, "typing", true));
            JsonNode typing = widget.await("/user/queue/chat", e -> e.path("type").asText().equals("typing"));
            assertThat(typing.get("author").asText()).isEqualTo("agent");
            assertThat(typing.get("typing").asBoolean()).isTrue();

            widget.send("/app/chat.typing", Map.of("typing", true));
            agent.await("/topic/tickets." + ticketId, e -> e.path("type").asText().equals("typing")
                    && e.path("author").asText().equals("customer"));
            widget.send("/app/chat.send", Map.of("clientMessageId", "c-2", "text", "It is version 2.2 on Android"));
            JsonNode second = agent.await("/topic/tickets." + ticketId, e -> e.path("type").asText().equals("message"));
            assertThat(second.get("text").asText()).isEqualTo("It is version 2.2 on Android");
            assertThat(second.get("author").asText()).isEqualTo("customer");

            assertThat(api().postForObject("/api/tickets/" + ticketId + "/claim", null, JsonNode.class)
                    .get("status").asText()).isEqualTo("ASSIGNED");
            agent.await("/topic/queues." + queue, e -> e.path("type").asText().equals("task")
                    && e.path("ticketId").asLong() == ticketId && e.path("status").asText().equals("ASSIGNED"));
            long sentAt = System.nanoTime();
            assertThat(api().postForEntity("/api/tickets/" + ticketId + "/replies",
                    Map.of("text", "请更新到 2.3 / please update to 2.3"), JsonNode.class).getStatusCode())
                    .isEqualTo(HttpStatus.CREATED);
            JsonNode reply = widget.await("/user/queue/chat", e -> e.path("type").asText().equals("message")
                    && e.path("author").asText().equals("agent"));
            long millis = (System.nanoTime() - sentAt) / 1_000_000;
            assertThat(millis).as("reply to widget, ms").isLessThan(1000);
            assertThat(reply.get("text").asText()).startsWith("请更新到 2.3");
            assertThat(reply.get("authorName").asText()).isEqualTo(staff()[0]);
            assertThat(reply.get("seq").asLong()).isGreaterThan(firstSeq);

            agent.send("/app/agent.read", Map.of("ticketId", ticketId, "seq", second.get("seq").asLong()));
            widget.await("/user/queue/chat", e -> e.path("type").asText().equals("receipt")
                    && e.path("status").asText().equals("read"));
            widget.send("/app/chat.receipt", Map.of("seq", reply.get("seq").asLong(), "status", "read"));
            agent.await("/topic/tickets." + ticketId, e -> e.path("type").asText().equals("receipt")
                    && e.path("author").asText().equals("customer"));

            JsonNode transcript = api().getForObject("/api/tickets/" + ticketId + "/messages", JsonNode.class);
            assertThat(transcript.findValuesAsText("direction")).containsExactly("INBOUND", "INBOUND", "OUTBOUND");
            assertThat(widget.failures()).isEmpty();
            assertThat(agent.failures()).isEmpty();
        }
    }

    @Test
    void afterADroppedConnectionTheWidgetGetsWhatItMissedOnceAndInOrder() throws Exception {
        String token = StompChat.newVisitorToken(port, CHANNEL);
        long ticketId;
        long lastSeq;
        try (StompChat widget = StompChat.visitor(port, CHANNEL, token, origin())) {
            widget.send("/app/chat.send", Map.of("clientMessageId", "r-1", "text", "我的账号登录不了"));
            JsonNode ack = widget.await("/user/queue/chat", e -> e.path("type").asText().equals("ack"));
            ticketId = ack.get("ticketId").asLong();
            lastSeq = ack.get("seq").asLong();
        }
        awaitStatus(ticketId, "QUEUED");
        api().postForObject("/api/tickets/" + ticketId + "/claim", null, JsonNode.class);
        for (int i = 1; i <= 3; i++) {
            api().postForEntity("/api/tickets/" + ticketId + "/replies", Map.of("text", "reply " + i), JsonNode.class);
        }

        try (StompChat again = StompChat.visitor(port, CHANNEL, token, origin())) {
            again.send("/app/chat.resume", Map.of("lastSeq", lastSeq));
            JsonNode resumed = again.await("/user/queue/chat", e -> e.path("type").asText().equals("resume"));
            List<JsonNode> missed = List.copyOf(resumed.get("messages").valueStream().toList());
            assertThat(missed).extracting(m -> m.get("text").asText()).containsExactly("reply 1", "reply 2", "reply 3");
            assertThat(missed).extracting(m -> m.get("seq").asLong())
                    .containsExactly(lastSeq + 1, lastSeq + 2, lastSeq + 3);
            assertThat(resumed.get("more").asBoolean()).isFalse();

            again.send("/app/chat.resume", Map.of("lastSeq", 0));
            JsonNode history = again.await("/user/queue/chat", e -> e.path("type").asText().equals("resume")
                    && e.get("messages").size() == 4);
            assertThat(history.get("messages").get(0).get("text").asText()).isEqualTo("我的账号登录不了");
            assertThat(again.at("/user/queue/chat")).filteredOn(e -> e.path("type").asText().equals("message"))
                    .as("nothing pushed twice while reconnected").isEmpty();
        }
    }

    @Test
    void aMessageResentWithTheSameClientIdIsStoredOnce() throws Exception {
        String token = StompChat.newVisitorToken(port, CHANNEL);
        try (StompChat widget = StompChat.visitor(port, CHANNEL, token, origin())) {
            widget.send("/app/chat.send", Map.of("clientMessageId", "dup-1", "text", "Where is my parcel?"));
            widget.send("/app/chat.send", Map.of("clientMessageId", "dup-1", "text", "Where is my parcel?"));
            await().until(() -> widget.at("/user/queue/chat").stream()
                    .filter(e -> e.path("type").asText().equals("ack")).count() == 2);
            List<JsonNode> acks = widget.at("/user/queue/chat").stream()
                    .filter(e -> e.path("type").asText().equals("ack")).toList();
            assertThat(acks.get(0).get("messageId")).isEqualTo(acks.get(1).get("messageId"));
            long ticketId = acks.get(0).get("ticketId").asLong();
            assertThat(jdbc.sql("SELECT COUNT(*) FROM message WHERE ticket_id = ?").param(ticketId).query(Long.class)
                    .single()).isEqualTo(1);
        }
    }

    @Test
    void aSignedExternalIdJoinsTheKnownCustomerAndAForgedOneIsRefused() throws Exception {
        String customer = "shop-" + System.nanoTime();
        api().postForEntity("/api/customers", Map.of("externalId", customer, "name", "王芳", "tier", "VIP"),
                JsonNode.class);
        long visitorsBefore = count("chat_visitor");

        HttpResponse<String> forged = StompChat.startVisitor(port, origin(), Map.of("channelKey", CHANNEL,
                "externalId", customer, "userHash", IdentitySignature.sign("not-the-secret-0123456", customer)));
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(json.readTree(forged.body()).get("detail").asText()).contains("HMAC-SHA256");
        HttpResponse<String> unsigned = StompChat.startVisitor(port, origin(),
                Map.of("channelKey", CHANNEL, "externalId", customer));
        assertThat(unsigned.statusCode()).isEqualTo(403);
        assertThat(count("chat_visitor")).as("nothing stored for a refused claim").isEqualTo(visitorsBefore);

        HttpResponse<String> signed = StompChat.startVisitor(port, origin(), Map.of("channelKey", CHANNEL,
                "externalId", customer, "userHash", IdentitySignature.sign(SECRET, customer)));
        assertThat(signed.statusCode()).isEqualTo(201);
        JsonNode session = json.readTree(signed.body());
        assertThat(session.get("identified").asBoolean()).isTrue();
        assertThat(session.get("customerExternalId").asText()).isEqualTo(customer);
        try (StompChat widget = StompChat.visitor(port, CHANNEL, session.get("visitorToken").asText(), origin())) {
            widget.send("/app/chat.send", Map.of("clientMessageId", "vip-1",
                    "text", "The app crashes with an error every time I log in"));
            long ticketId = widget.await("/user/queue/chat", e -> e.path("type").asText().equals("ack"))
                    .get("ticketId").asLong();
            JsonNode ticket = awaitStatus(ticketId, "QUEUED");
            assertThat(ticket.get("customerExternalId").asText()).isEqualTo(customer);
            assertThat(ticket.get("customerTier").asText()).isEqualTo("VIP");
            assertThat(ticket.get("priority").asText()).isEqualTo("HIGH");
        }
    }

    @Test
    void aPageOfAnotherOriginIsRefusedAtTheDoorAndOverTheWebSocket() throws Exception {
        long visitorsBefore = count("chat_visitor");
        HttpResponse<String> refused = StompChat.startVisitor(port, "https://evil.example",
                Map.of("channelKey", CHANNEL));
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(count("chat_visitor")).isEqualTo(visitorsBefore);
        assertThat(StompChat.startVisitor(port, "https://shop.example", Map.of("channelKey", CHANNEL)).statusCode())
                .as("an allowed site").isEqualTo(201);
        assertThat(StompChat.startVisitor(port, origin(), Map.of("channelKey", "no-such-key")).statusCode())
                .isEqualTo(404);

        String token = StompChat.newVisitorToken(port, CHANNEL);
        assertThatThrownBy(() -> StompChat.visitor(port, CHANNEL, token, "https://evil.example"))
                .as("the handshake answers 403").isInstanceOf(Exception.class);
        try (StompChat fromShop = StompChat.visitor(port, CHANNEL, token, "https://shop.example")) {
            assertThat(fromShop.connected()).isTrue();
        }
    }

    @Test
    void aBadFrameGetsAnErrorFrameAndTheConnectionStays() throws Exception {
        String token = StompChat.newVisitorToken(port, CHANNEL);
        long messagesBefore = count("message");
        try (StompChat widget = StompChat.visitor(port, CHANNEL, token, origin())) {
            widget.sendRaw("/app/chat.send", "{not json");
            widget.send("/app/chat.send", Map.of("clientMessageId", "b-1", "text", "hi", "vip", true));
            widget.send("/app/chat.send", Map.of("clientMessageId", "b-2", "text", "x".repeat(10_001)));
            widget.send("/app/chat.send", Map.of("clientMessageId", "b 3 has spaces", "text", "hello"));
            widget.send("/app/chat.send", Map.of("clientMessageId", "b-4", "text", "   "));
            await().untilAsserted(() -> assertThat(widget.at("/user/queue/errors")).as(widget.failures().toString())
                    .hasSize(5));
            List<JsonNode> errors = widget.at("/user/queue/errors");
            assertThat(errors).extracting(e -> e.get("code").asText())
                    .containsExactly("bad_request", "bad_request", "too_long", "bad_request", "bad_request");
            assertThat(errors.get(1).get("text").asText()).isEqualTo("Unknown field 'vip'");
            assertThat(errors.get(2).get("clientMessageId").asText()).isEqualTo("b-2");
            assertThat(count("message")).as("nothing stored").isEqualTo(messagesBefore);

            widget.send("/app/chat.send", Map.of("clientMessageId", "b-5", "text", "Where is my parcel?"));
            widget.await("/user/queue/chat", e -> e.path("type").asText().equals("ack"));
            assertThat(widget.connected()).isTrue();
            assertThat(widget.failures()).isEmpty();
        }
    }

    @Test
    void aVisitorCannotSubscribeToATicketOrSendToATopic() throws Exception {
        String token = StompChat.newVisitorToken(port, CHANNEL);
        try (StompChat widget = StompChat.visitor(port, CHANNEL, token, origin())) {
            widget.subscribe("/topic/tickets.1");
            widget.subscribe("/queue/chat-user" + "someone-elses-session");
            widget.send("/topic/tickets.1", Map.of("type", "message", "text", "spoofed"));
            widget.send("/app/agent.typing", Map.of("ticketId", 1, "typing", true));
            await().until(() -> widget.at("/user/queue/errors").size() == 4);
            assertThat(widget.at("/user/queue/errors")).extracting(e -> e.get("code").asText()).containsOnly("forbidden");
            assertThat(widget.at("/user/queue/errors")).extracting(e -> e.get("text").asText()).containsExactly(
                    "Not allowed to subscribe to /topic/tickets.1",
                    "Not allowed to subscribe to /queue/chat-usersomeone-elses-session",
                    "Not allowed to send to /topic/tickets.1", "Not allowed to send to /app/agent.typing");
            widget.send("/app/chat.resume", Map.of("lastSeq", 0));
            widget.await("/user/queue/chat", e -> e.path("type").asText().equals("resume"));
            assertThat(widget.connected()).as("the connection stays").isTrue();
        }
    }

    @Test
    void aRevokedVisitorTokenIsClosedAndOpensNothingAgain() throws Exception {
        HttpResponse<String> started = StompChat.startVisitor(port, origin(), Map.of("channelKey", CHANNEL));
        JsonNode session = json.readTree(started.body());
        String token = session.get("visitorToken").asText();
        try (StompChat widget = StompChat.visitor(port, CHANNEL, token, origin())) {
            assertThat(api().exchange("/api/chat/visitors/" + session.get("visitorId").asLong(), HttpMethod.DELETE, null,
                    Void.class).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
            await().until(() -> !widget.connected());
        }
        assertThat(StompChat.startVisitor(port, origin(), Map.of("channelKey", CHANNEL, "visitorToken", token))
                .statusCode()).isEqualTo(401);
        try (StompChat refused = StompChat.visitor(port, CHANNEL, token, origin())) {
            await().until(() -> !refused.failures().isEmpty());
        } catch (Exception refusedAtConnect) {
            assertThat(refusedAtConnect).isNotNull();
        }
    }

    @Test
    void aVisitorHoldsAtMostTheConfiguredConnections() throws Exception {
        String token = StompChat.newVisitorToken(port, CHANNEL);
        List<StompChat> open = IntStream.range(0, 2).mapToObj(i -> {
            try {
                return StompChat.visitor(port, CHANNEL, token, origin());
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }).toList();
        try {
            assertThatThrownBy(() -> StompChat.visitor(port, CHANNEL, token, origin()).close())
                    .as("the third CONNECT is refused").isInstanceOf(Exception.class);
        } finally {
            open.forEach(StompChat::close);
        }
    }

    @Test
    void attachmentsAreCheckedByContentAndServedOnlyToTheConversationAndItsAgents() throws Exception {
        String token = StompChat.newVisitorToken(port, CHANNEL);
        byte[] png = png(600, 300);
        try (StompChat widget = StompChat.visitor(port, CHANNEL, token, origin())) {
            HttpResponse<String> uploaded = StompChat.upload(port, token, "screenshot.png", png, "a-1");
            assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(201);
            JsonNode message = widget.await("/user/queue/chat", e -> e.path("type").asText().equals("message")
                    && e.has("attachments"));
            JsonNode attachment = message.get("attachments").get(0);
            assertThat(attachment.get("contentType").asText()).isEqualTo("image/png");
            assertThat(attachment.get("image").asBoolean()).isTrue();
            long id = attachment.get("id").asLong();
            long ticketId = message.get("ticketId").asLong();

            HttpResponse<byte[]> own = StompChat.get(port, "/chat/api/attachments/" + id + "?visitorToken=" + token);
            assertThat(own.statusCode()).isEqualTo(200);
            assertThat(own.body()).isEqualTo(png);
            assertThat(own.headers().firstValue("Content-Type")).hasValue("image/png");
            assertThat(own.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
            assertThat(own.headers().firstValue("Content-Disposition").orElse("")).startsWith("inline");
            HttpResponse<byte[]> thumb = StompChat.get(port,
                    "/chat/api/attachments/" + id + "?thumbnail=true&visitorToken=" + token);
            java.awt.image.BufferedImage small = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(thumb.body()));
            assertThat(small.getWidth()).as("a thumbnail").isEqualTo(240);

            String stranger = StompChat.newVisitorToken(port, CHANNEL);
            assertThat(StompChat.get(port, "/chat/api/attachments/" + id + "?visitorToken=" + stranger).statusCode())
                    .as("another visitor").isEqualTo(404);
            assertThat(StompChat.get(port, "/chat/api/attachments/" + id).statusCode()).isEqualTo(401);
            String agent = StompChat.signIn(port, staff()[0], staff()[1]);
            assertThat(StompChat.get(port, "/workspace/attachments/" + id, "Cookie", agent).statusCode()).isEqualTo(200);

            byte[] pdf = "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            assertThat(StompChat.upload(port, token, "invoice.pdf", pdf, "a-2").statusCode()).isEqualTo(201);
            long pdfId = widget.await("/user/queue/chat", e -> e.path("type").asText().equals("message")
                    && e.path("text").asText().equals("invoice.pdf")).get("attachments").get(0).get("id").asLong();
            HttpResponse<byte[]> served = StompChat.get(port, "/chat/api/attachments/" + pdfId,
                    "X-Kefu-Visitor-Token", token);
            assertThat(served.headers().firstValue("Content-Disposition").orElse("")).startsWith("attachment");
            assertThat(served.headers().firstValue("Content-Type")).hasValue("application/pdf");
            assertThat(api().getForObject("/api/tickets/" + ticketId + "/messages", JsonNode.class).size()).isEqualTo(2);
        }

        long messages = count("message");
        long files = count("chat_attachment");
        HttpResponse<String> disguised = StompChat.upload(port, token, "cat.png",
                "<!DOCTYPE html><html><body><script>alert(1)</script></body></html>".getBytes(), "a-3");
        assertThat(disguised.statusCode()).isEqualTo(415);
        assertThat(json.readTree(disguised.body()).get("detail").asText()).contains("text/html");
        HttpResponse<String> tooLarge = StompChat.upload(port, token, "big.png", png(10, 10, 1024 * 1024 + 1), "a-4");
        assertThat(tooLarge.statusCode()).isEqualTo(413);
        assertThat(count("message")).as("nothing stored").isEqualTo(messages);
        assertThat(count("chat_attachment")).isEqualTo(files);
    }

    @Test
    void theRestChannelTakesAFileAsMultipartAndRefusesADisguisedOne() throws Exception {
        String customer = "rest-file-" + System.nanoTime();
        api().postForEntity("/api/customers", Map.of("externalId", customer, "name", "Lin", "tier", "STANDARD"),
                JsonNode.class);
        String basic = "Basic " + java.util.Base64.getEncoder().encodeToString((staff()[0] + ":" + staff()[1])
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        HttpResponse<String> posted = multipart("/api/messages", basic, Map.of("channel", "app",
                "customerExternalId", customer, "text", "Photo of the broken screen"), "screen.png", png(50, 40));
        assertThat(posted.statusCode()).as(posted.body()).isEqualTo(201);
        long ticketId = json.readTree(posted.body()).get("ticketId").asLong();
        assertThat(api().getForObject("/api/tickets/" + ticketId + "/messages", JsonNode.class).get(0).get("body").asText())
                .isEqualTo("Photo of the broken screen");
        assertThat(jdbc.sql("SELECT content_type FROM chat_attachment WHERE ticket_id = ?").param(ticketId)
                .query(String.class).single()).isEqualTo("image/png");

        long messages = count("message");
        HttpResponse<String> disguised = multipart("/api/messages", basic, Map.of("channel", "app",
                "customerExternalId", customer), "photo.png", "<html><script>alert(1)</script></html>".getBytes());
        assertThat(disguised.statusCode()).isEqualTo(415);
        assertThat(multipart("/api/messages", null, Map.of("channel", "app", "customerExternalId", customer), "a.png",
                png(5, 5)).statusCode()).as("no login").isEqualTo(401);
        assertThat(count("message")).isEqualTo(messages);
    }

    @Test
    void receiptsAreStoredOnceAndShownAfterAReloadAndAResume() throws Exception {
        String token = StompChat.newVisitorToken(port, CHANNEL);
        String cookie = StompChat.signIn(port, staff()[0], staff()[1]);
        long ticketId;
        long customerSeq;
        long replySeq;
        try (StompChat widget = StompChat.visitor(port, CHANNEL, token, origin());
                StompChat agent = StompChat.agent(port, cookie)) {
            widget.send("/app/chat.send", Map.of("clientMessageId", "rc-1", "text", "Where is my parcel? It is late"));
            JsonNode ack = widget.await("/user/queue/chat", e -> e.path("type").asText().equals("ack"));
            ticketId = ack.get("ticketId").asLong();
            customerSeq = ack.get("seq").asLong();
            awaitStatus(ticketId, "QUEUED");
            api().postForObject("/api/tickets/" + ticketId + "/claim", null, JsonNode.class);
            agent.subscribe("/topic/tickets." + ticketId);
            agent.send("/app/agent.typing", Map.of("ticketId", ticketId, "typing", true));
            widget.await("/user/queue/chat", e -> e.path("type").asText().equals("typing"));
            api().postForEntity("/api/tickets/" + ticketId + "/replies", Map.of("text", "It left the depot today"),
                    JsonNode.class);
            replySeq = widget.await("/user/queue/chat", e -> e.path("type").asText().equals("message")
                    && e.path("author").asText().equals("agent")).get("seq").asLong();

            widget.send("/app/chat.receipt", Map.of("seq", replySeq, "status", "delivered"));
            widget.send("/app/chat.receipt", Map.of("seq", replySeq, "status", "delivered"));
            widget.send("/app/chat.receipt", Map.of("seq", replySeq, "status", "read"));
            widget.send("/app/chat.receipt", Map.of("seq", replySeq, "status", "read"));
            widget.send("/app/chat.receipt", Map.of("seq", replySeq + 100, "status", "read"));
            JsonNode refused = widget.await("/user/queue/errors", e -> e.path("code").asText().equals("bad_request"));
            assertThat(refused.get("text").asText()).contains("seq " + (replySeq + 100));
            // Typing comes to the agent down the same topic after whatever the receipts before it sent.
            widget.send("/app/chat.typing", Map.of("typing", true));
            agent.await("/topic/tickets." + ticketId, e -> e.path("type").asText().equals("typing")
                    && e.path("author").asText().equals("customer"));
            List<JsonNode> receipts = agent.at("/topic/tickets." + ticketId).stream()
                    .filter(e -> e.path("type").asText().equals("receipt")).toList();
            assertThat(receipts).as("a repeated receipt is not passed on again")
                    .extracting(e -> e.get("status").asText()).containsExactly("delivered", "read");

            agent.send("/app/agent.read", Map.of("ticketId", ticketId, "seq", customerSeq));
            agent.send("/app/agent.read", Map.of("ticketId", ticketId, "seq", customerSeq));
            widget.await("/user/queue/chat", e -> e.path("type").asText().equals("receipt"));
            // A frame after the repeat has come back, so the repeat was handled before it.
            agent.send("/app/agent.typing", Map.of("ticketId", ticketId, "typing", false));
            widget.await("/user/queue/chat", e -> e.path("type").asText().equals("typing") && !e.get("typing").asBoolean());
            assertThat(widget.at("/user/queue/chat")).filteredOn(e -> e.path("type").asText().equals("receipt"))
                    .hasSize(1);
        }
        List<Long> stored = jdbc.sql("""
                SELECT r.delivered_seq, r.read_seq, r.agent_read_seq FROM chat_receipt r
                  JOIN ticket t ON t.customer_id = r.customer_id WHERE t.id = ?""").param(ticketId)
                .query((rs, row) -> List.of(rs.getLong(1), rs.getLong(2), rs.getLong(3))).single();
        assertThat(stored).containsExactly(replySeq, replySeq, customerSeq);

        // The same receipts over HTTP, per message, for whoever may see the ticket.
        JsonNode overHttp = api().getForObject("/api/tickets/" + ticketId + "/receipts", JsonNode.class);
        assertThat(List.of(overHttp.get("deliveredSeq").asLong(), overHttp.get("readSeq").asLong(),
                overHttp.get("agentReadSeq").asLong())).containsExactly(replySeq, replySeq, customerSeq);
        JsonNode customerMessage = messageOfSeq(overHttp, customerSeq);
        assertThat(customerMessage.get("direction").asText()).isEqualTo("INBOUND");
        assertThat(customerMessage.get("agent").asText()).isEqualTo("read");
        assertThat(customerMessage.has("customer")).as("absent on the customer's own").isFalse();
        JsonNode replyMessage = messageOfSeq(overHttp, replySeq);
        assertThat(replyMessage.get("direction").asText()).isEqualTo("OUTBOUND");
        assertThat(replyMessage.get("author").asText()).isEqualTo(staff()[0]);
        assertThat(replyMessage.get("customer").asText()).isEqualTo("read");
        assertThat(replyMessage.has("agent")).isFalse();
        List<Long> transcriptIds = new java.util.ArrayList<>();
        api().getForObject("/api/tickets/" + ticketId + "/messages", JsonNode.class)
                .forEach(m -> transcriptIds.add(m.get("id").asLong()));
        List<Long> receiptIds = new java.util.ArrayList<>();
        overHttp.get("messages").forEach(m -> receiptIds.add(m.get("messageId").asLong()));
        assertThat(receiptIds).as("the whole transcript, in order").isEqualTo(transcriptIds);
        String queue = api().getForObject("/api/tickets/" + ticketId, JsonNode.class).get("queue").asText();
        String suffix = Long.toString(System.nanoTime(), 36);
        staffMember("rita-" + suffix, "agents", queue);
        staffMember("otto-" + suffix, "agents");
        assertThat(http.withBasicAuth("rita-" + suffix, "pw-" + suffix)
                .getForObject("/api/tickets/" + ticketId + "/receipts", JsonNode.class).get("readSeq").asLong())
                .as("an agent of the ticket's queue").isEqualTo(replySeq);
        assertThat(http.withBasicAuth("otto-" + suffix, "pw-" + suffix)
                .getForEntity("/api/tickets/" + ticketId + "/receipts", String.class).getStatusCode())
                .as("an agent out of reach").isEqualTo(HttpStatus.NOT_FOUND);

        try (StompChat again = StompChat.visitor(port, CHANNEL, token, origin())) {
            again.send("/app/chat.resume", Map.of("lastSeq", 0));
            JsonNode resumed = again.await("/user/queue/chat", e -> e.path("type").asText().equals("resume"));
            assertThat(resumed.get("receipts").get("agentReadSeq").asLong()).isEqualTo(customerSeq);
            assertThat(resumed.get("receipts").get("readSeq").asLong()).isEqualTo(replySeq);
            assertThat(resumed.get("receipts").get("deliveredSeq").asLong()).isEqualTo(replySeq);
        }
        String page = new String(StompChat.get(port, "/workspace/tickets/" + ticketId + "?lang=en", "Cookie", cookie)
                .body(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(page).as("the agent's page after a reload").containsPattern(
                "<li class=\"outbound read\" data-seq=\"" + replySeq + "\">");
        assertThat(page).contains("<small class=\"receipt\">read</small>");
    }

    @Test
    void aPreChatChannelAsksNameAndEmailFirstChecksThemAndTheAgentSeesThem() throws Exception {
        HttpResponse<String> plain = StompChat.startVisitor(port, origin(), Map.of("channelKey", CHANNEL));
        assertThat(json.readTree(plain.body()).get("preChatForm").asBoolean()).as("off by default").isFalse();

        JsonNode session = json.readTree(StompChat.startVisitor(port, origin(), Map.of("channelKey", PRE_CHAT_CHANNEL))
                .body());
        assertThat(session.get("preChatForm").asBoolean()).isTrue();
        String token = session.get("visitorToken").asText();
        String customer = session.get("customerExternalId").asText();
        long messages = count("message");
        try (StompChat widget = StompChat.visitor(port, PRE_CHAT_CHANNEL, token, origin())) {
            widget.send("/app/chat.send", Map.of("clientMessageId", "pc-1", "text", "Hello?"));
            JsonNode refused = widget.await("/user/queue/errors", e -> e.has("code"));
            assertThat(refused.get("code").asText()).isEqualTo("pre_chat_required");
            assertThat(refused.get("clientMessageId").asText()).isEqualTo("pc-1");
            assertThat(count("message")).as("nothing stored before the form").isEqualTo(messages);

            assertThat(contact(token, Map.of("name", "李伟", "email", "not an address")).statusCode()).isEqualTo(400);
            HttpResponse<String> noName = contact(token, Map.of("name", "  ", "email", "li.wei@example.com"));
            assertThat(noName.statusCode()).isEqualTo(400);
            assertThat(json.readTree(noName.body()).get("detail").asText()).isEqualTo("name is required");
            assertThat(contact(token, Map.of("name", "x".repeat(201), "email", "li.wei@example.com")).statusCode())
                    .isEqualTo(400);
            assertThat(api().getForObject("/api/customers/" + customer, JsonNode.class).has("email"))
                    .as("nothing stored from a refused form").isFalse();

            assertThat(contact(token, Map.of("name", " 李伟 ", "email", "li.wei@example.com")).statusCode())
                    .isEqualTo(204);
            JsonNode again = json.readTree(StompChat.startVisitor(port, origin(), Map.of("channelKey", PRE_CHAT_CHANNEL,
                    "visitorToken", token)).body());
            assertThat(again.get("preChatForm").asBoolean()).as("answered once, not asked again").isFalse();

            widget.send("/app/chat.send", Map.of("clientMessageId", "pc-1", "text", "Hello? My order has not arrived"));
            long ticketId = widget.await("/user/queue/chat", e -> e.path("type").asText().equals("ack"))
                    .get("ticketId").asLong();
            JsonNode stored = api().getForObject("/api/customers/" + customer, JsonNode.class);
            assertThat(stored.get("name").asText()).isEqualTo("李伟");
            assertThat(stored.get("email").asText()).isEqualTo("li.wei@example.com");
            String page = new String(StompChat.get(port, "/workspace/tickets/" + ticketId + "?lang=en", "Cookie",
                    StompChat.signIn(port, staff()[0], staff()[1])).body(), java.nio.charset.StandardCharsets.UTF_8);
            assertThat(page).contains("<dd class=\"customer-name\">李伟</dd>")
                    .contains("<dd class=\"customer-email\">li.wei@example.com</dd>");
        }

        String known = "shop-pre-" + System.nanoTime();
        JsonNode signed = json.readTree(StompChat.startVisitor(port, origin(), Map.of("channelKey", PRE_CHAT_CHANNEL,
                "externalId", known, "userHash", IdentitySignature.sign(PRE_CHAT_SECRET, known))).body());
        assertThat(signed.get("preChatForm").asBoolean()).as("the host site vouched for this customer").isFalse();
        try (StompChat widget = StompChat.visitor(port, PRE_CHAT_CHANNEL, signed.get("visitorToken").asText(), origin())) {
            widget.send("/app/chat.send", Map.of("clientMessageId", "pk-1", "text", "Hello from a signed-in customer"));
            widget.await("/user/queue/chat", e -> e.path("type").asText().equals("ack"));
        }
    }

    HttpResponse<String> contact(String token, Map<String, String> body) throws Exception {
        return java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://localhost:" + port + "/chat/api/visitors/current/contact"))
                .header("Content-Type", "application/json").header("Origin", origin())
                .header("X-Kefu-Visitor-Token", token)
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body))).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> multipart(String path, String authorization, Map<String, String> fields, String fileName,
            byte[] bytes) throws Exception {
        String boundary = "kefu-" + System.nanoTime();
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        for (var field : fields.entrySet()) {
            body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field.getKey() + "\"\r\n\r\n"
                    + field.getValue() + "\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                + "\"\r\nContent-Type: image/png\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        body.write(bytes);
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        java.net.http.HttpRequest.Builder request = java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://localhost:" + port + path))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return java.net.http.HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A PNG of that size, padded with a trailing chunk to {@code minBytes} (still a valid PNG). */
    static byte[] png(int width, int height, int... minBytes) throws java.io.IOException {
        java.awt.image.BufferedImage image = new java.awt.image.BufferedImage(width, height,
                java.awt.image.BufferedImage.TYPE_INT_RGB);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        javax.imageio.ImageIO.write(image, "png", out);
        if (minBytes.length > 0) {
            out.write(new byte[Math.max(0, minBytes[0] - out.size())]);
        }
        return out.toByteArray();
    }

    @Test
    void colleaguesOnATicketSeeWhoElseHasItOpenAndWhoTypesButAnAgentOutOfReachTellsNobody() throws Exception {
        String token = StompChat.newVisitorToken(port, CHANNEL);
        long ticketId;
        try (StompChat widget = StompChat.visitor(port, CHANNEL, token, origin())) {
            widget.send("/app/chat.send", Map.of("clientMessageId", "col-1", "text", "My parcel has not arrived yet"));
            ticketId = widget.await("/user/queue/chat", e -> e.path("type").asText().equals("ack")).get("ticketId").asLong();
        }
        String queue = awaitStatus(ticketId, "QUEUED").get("queue").asText();
        String suffix = Long.toString(System.nanoTime(), 36);
        staffMember("carol-" + suffix, "agents", queue);
        staffMember("olaf-" + suffix, "agents");
        String topic = "/topic/tickets." + ticketId;
        java.util.function.Predicate<JsonNode> fromOlaf = e -> e.path("authorName").asText().startsWith("olaf-");
        try (StompChat demo = StompChat.agent(port, StompChat.signIn(port, staff()[0], staff()[1]));
                StompChat carol = StompChat.agent(port, StompChat.signIn(port, "carol-" + suffix, "pw-" + suffix));
                StompChat olaf = StompChat.agent(port, StompChat.signIn(port, "olaf-" + suffix, "pw-" + suffix))) {
            demo.subscribe(topic);
            carol.subscribe(topic);
            // carol opens the page: demo's page hears it (and carol's own page hears itself, and skips it)
            carol.send("/app/agent.viewing", Map.of("ticketId", ticketId, "viewing", true));
            JsonNode viewing = demo.await(topic, e -> e.path("type").asText().equals("colleague"));
            assertThat(viewing.get("authorName").asText()).isEqualTo("carol-" + suffix);
            assertThat(viewing.get("status").asText()).isEqualTo("viewing");
            assertThat(viewing.get("ticketId").asLong()).isEqualTo(ticketId);

            // olaf does not reach the ticket: refused, and nobody on the page hears of him
            olaf.send("/app/agent.viewing", Map.of("ticketId", ticketId, "viewing", true));
            olaf.send("/app/agent.typing", Map.of("ticketId", ticketId, "typing", true));
            await().untilAsserted(() -> assertThat(olaf.at("/user/queue/errors")).extracting(e -> e.get("code").asText())
                    .containsExactly("not_found", "not_found"));

            carol.send("/app/agent.typing", Map.of("ticketId", ticketId, "typing", true));
            demo.await(topic, e -> e.path("type").asText().equals("colleague") && e.path("status").asText().equals("typing"));
            carol.send("/app/agent.typing", Map.of("ticketId", ticketId, "typing", false));
            carol.send("/app/agent.viewing", Map.of("ticketId", ticketId, "viewing", false));
            demo.await(topic, e -> e.path("type").asText().equals("colleague") && e.path("status").asText().equals("left"));
            assertThat(demo.at(topic).stream().filter(e -> e.path("type").asText().equals("colleague"))
                    .map(e -> e.get("status").asText())).containsExactly("viewing", "typing", "viewing", "left");
            assertThat(demo.at(topic)).noneMatch(fromOlaf);
            assertThat(carol.at(topic)).noneMatch(fromOlaf);
            assertThat(demo.at("/user/queue/errors")).isEmpty();
        }
    }

    private void staffMember(String userId, String... groups) {
        User user = identity.newUser(userId);
        user.setFirstName(userId);
        user.setLastName("Test");
        user.setPassword("pw-" + userId.substring(userId.indexOf('-') + 1));
        identity.saveUser(user);
        for (String group : groups) {
            identity.createMembership(userId, group);
        }
    }

    private static JsonNode messageOfSeq(JsonNode receipts, long seq) {
        for (JsonNode m : receipts.get("messages")) {
            if (m.path("seq").asLong() == seq) {
                return m;
            }
        }
        throw new AssertionError("no message of seq " + seq + " in " + receipts);
    }

    JsonNode awaitStatus(long ticketId, String status) {
        await().until(() -> status.equals(api().getForObject("/api/tickets/" + ticketId, JsonNode.class)
                .path("status").asText()));
        return api().getForObject("/api/tickets/" + ticketId, JsonNode.class);
    }

    long count(String table) {
        return jdbc.sql("SELECT COUNT(*) FROM " + table).query(Long.class).single();
    }

    static void chatProperties(org.springframework.test.context.DynamicPropertyRegistry registry) {
        registry.add("kefu.chat.channels[0].key", () -> CHANNEL);
        registry.add("kefu.chat.channels[0].name", () -> "Journey shop");
        registry.add("kefu.chat.channels[0].secret", () -> SECRET);
        registry.add("kefu.chat.channels[0].allowed-origins", () -> "https://shop.example");
        registry.add("kefu.chat.channels[1].key", () -> PRE_CHAT_CHANNEL);
        registry.add("kefu.chat.channels[1].secret", () -> PRE_CHAT_SECRET);
        registry.add("kefu.chat.channels[1].pre-chat-form", () -> "true");
        registry.add("kefu.chat.max-connections-per-visitor", () -> "2");
        registry.add("kefu.chat.attachments.max-size", () -> "1MB");
        registry.add("kefu.chat.attachments.folder", () -> ATTACHMENTS.toString());
    }
}
