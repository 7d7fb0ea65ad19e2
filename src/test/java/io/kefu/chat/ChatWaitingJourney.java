package io.kefu.chat;

import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.test.context.DynamicPropertyRegistry;

import io.kefu.testing.StompChat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The web chat wired to the agents and the waiting queue, with real STOMP clients: an agent's last
 * workspace connection closing sets them OFFLINE after the grace (a tab closing while another is
 * open does not, nor a reload within the grace) and gives back their unanswered ticket; a waiting customer is told their place in
 * the queue and, later, soothed, both live on the widget. Subclasses run it on H2 and MariaDB.
 */
abstract class ChatWaitingJourney {

    static final String CHANNEL = "waiting-web";
    static final String GRACE = "PT2S";

    @LocalServerPort
    int port;

    @Autowired
    TestRestTemplate http;

    /** User name and password of a staff member who reaches every ticket. */
    abstract String[] staff();

    TestRestTemplate api() {
        return http.withBasicAuth(staff()[0], staff()[1]);
    }

    String origin() {
        return "http://localhost:" + port;
    }

    @Test
    void anAgentsLastWorkspaceConnectionClosingSetsThemOfflineAndGivesBackTheUnansweredTicket() throws Exception {
        String agentId = staff()[0];
        String cookie = StompChat.signIn(port, staff()[0], staff()[1]);
        StompChat firstTab = StompChat.agent(port, cookie);
        StompChat secondTab = StompChat.agent(port, cookie);
        StompChat reloaded = null;
        try (StompChat widget = StompChat.visitor(port, CHANNEL, StompChat.newVisitorToken(port, CHANNEL), origin())) {
            widget.send("/app/chat.send", Map.of("clientMessageId", "w-1",
                    "text", "The app crashes with an error every time I log in"));
            long ticketId = widget.await("/user/queue/chat", e -> e.path("type").asText().equals("ack"))
                    .get("ticketId").asLong();
            awaitTicket(ticketId, t -> t.path("status").asText().equals("QUEUED"));
            assertThat(api().postForObject("/api/tickets/" + ticketId + "/claim", null, JsonNode.class)
                    .get("assignee").asText()).isEqualTo(agentId);
            assertThat(presence(agentId, "ONLINE").getStatusCode()).isEqualTo(HttpStatus.OK);

            firstTab.close();
            await().during(Duration.ofMillis(1200)).atMost(Duration.ofSeconds(3))
                    .until(() -> presenceOf(agentId).equals("ONLINE"));

            // A reload: the last tab closes and a new one opens within the grace.
            secondTab.close();
            reloaded = StompChat.agent(port, cookie);
            await().during(Duration.ofMillis(2500)).atMost(Duration.ofSeconds(4))
                    .until(() -> presenceOf(agentId).equals("ONLINE"));

            reloaded.close();
            await().atMost(Duration.ofSeconds(10)).until(() -> presenceOf(agentId).equals("OFFLINE"));
            JsonNode given = awaitTicket(ticketId, t -> t.path("assignee").isNull() || t.path("assignee").isMissingNode());
            assertThat(given.get("status").asText()).as("given back to the queue").isEqualTo("QUEUED");
        } finally {
            firstTab.close();
            secondTab.close();
            if (reloaded != null) {
                reloaded.close();
            }
        }
    }

    @Test
    void aWaitingCustomerIsToldTheirPlaceInTheQueueAndThenSoothedOnTheWidget() throws Exception {
        try (StompChat widget = StompChat.visitor(port, CHANNEL, StompChat.newVisitorToken(port, CHANNEL), origin())) {
            widget.send("/app/chat.send", Map.of("clientMessageId", "w-2",
                    "text", "My invoice shows a charge I do not recognise, please check my account"));
            long ticketId = widget.await("/user/queue/chat", e -> e.path("type").asText().equals("ack"))
                    .get("ticketId").asLong();

            JsonNode notice = widget.await("/user/queue/chat", e -> e.path("type").asText().equals("notice")
                    && e.path("code").asText().equals("queue_position"));
            assertThat(notice.get("ticketId").asLong()).isEqualTo(ticketId);
            int position = notice.get("position").asInt();
            assertThat(position).isPositive();
            JsonNode ticket = api().getForObject("/api/tickets/" + ticketId, JsonNode.class);
            String language = ticket.path("classification").path("language").asText();
            String ahead = String.valueOf(position - 1);
            if (language.startsWith("en")) {
                assertThat(notice.get("text").asText()).containsAnyOf(ahead + " customer", "You are next");
            } else {
                assertThat(notice.get("text").asText()).containsAnyOf("您前面还有 " + ahead + " 位客户", "下一位就是您");
            }

            JsonNode soothed = widget.await("/user/queue/chat", e -> e.path("type").asText().equals("message")
                    && e.path("author").asText().equals("bot") && e.path("ticketId").asLong() == ticketId);
            assertThat(soothed.get("text").asText()).isNotBlank();
            JsonNode transcript = api().getForObject("/api/tickets/" + ticketId + "/messages", JsonNode.class);
            assertThat(transcript.findValuesAsText("body")).contains(soothed.get("text").asText());
            assertThat(widget.failures()).isEmpty();
        }
    }

    @Test
    void aWaitingCustomerWhoLeavesTheQueueClosesTheTicketAsAbandonedAndLeavingAgainChangesNothing() throws Exception {
        String token = StompChat.newVisitorToken(port, CHANNEL);
        try (StompChat widget = StompChat.visitor(port, CHANNEL, token, origin())) {
            widget.send("/app/chat.send", Map.of("clientMessageId", "w-leave",
                    "text", "My invoice shows a charge I do not recognise, please check my account"));
            long ticketId = widget.await("/user/queue/chat", e -> e.path("type").asText().equals("ack"))
                    .get("ticketId").asLong();
            widget.await("/user/queue/chat", e -> e.path("type").asText().equals("notice")
                    && e.path("code").asText().equals("queue_position"));
            awaitTicket(ticketId, t -> t.path("status").asText().equals("QUEUED"));

            org.springframework.http.ResponseEntity<JsonNode> left = leave(token);
            assertThat(left.getStatusCode().value()).isEqualTo(200);
            assertThat(left.getBody().get("ticketId").asLong()).isEqualTo(ticketId);
            assertThat(left.getBody().get("abandoned").asBoolean()).isTrue();
            JsonNode ticket = api().getForObject("/api/tickets/" + ticketId, JsonNode.class);
            assertThat(ticket.get("status").asText()).isEqualTo("CLOSED");
            assertThat(ticket.get("abandonedAt").isNull()).isFalse();

            JsonNode again = leave(token).getBody();
            assertThat(again.get("abandoned").asBoolean()).as("nothing waits any more").isFalse();
            assertThat(leave("not-a-token").getStatusCode().value()).isEqualTo(401);
            assertThat(widget.failures()).isEmpty();
        }
    }

    private org.springframework.http.ResponseEntity<JsonNode> leave(String visitorToken) {
        HttpHeaders headers = new HttpHeaders();
        headers.set("X-Kefu-Visitor-Token", visitorToken);
        headers.set(HttpHeaders.ORIGIN, origin());
        return http.exchange("/chat/api/visitors/current/leave", HttpMethod.POST, new HttpEntity<>(null, headers),
                JsonNode.class);
    }

    private org.springframework.http.ResponseEntity<JsonNode> presence(String agentId, String status) {
        return api().exchange("/api/agents/" + agentId + "/presence", HttpMethod.PUT,
                new HttpEntity<>(Map.of("status", status)), JsonNode.class);
    }

    private String presenceOf(String agentId) {
        return api().getForObject("/api/agents/" + agentId, JsonNode.class).path("presence").asText();
    }

    private JsonNode awaitTicket(long ticketId, java.util.function.Predicate<JsonNode> wanted) {
        await().until(() -> wanted.test(api().getForObject("/api/tickets/" + ticketId, JsonNode.class)));
        return api().getForObject("/api/tickets/" + ticketId, JsonNode.class);
    }

    static void waitingProperties(DynamicPropertyRegistry registry) {
        registry.add("kefu.chat.channels[0].key", () -> CHANNEL);
        registry.add("kefu.chat.channels[0].name", () -> "Waiting shop");
        registry.add("kefu.chat.channels[0].secret", () -> "waiting-secret-0123456789");
        registry.add("kefu.agent.offline-grace", () -> GRACE);
        registry.add("kefu.lifecycle.soothe.after", () -> "PT2S");
    }
}
