package io.kefu.sync;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;

import io.kefu.customer.CustomerService;
import io.kefu.customer.CustomerTier;
import io.kefu.intake.InboundMessage;
import io.kefu.intake.IntakeService;
import io.kefu.testing.RecordingCrmServer;
import io.kefu.ticket.Channel;
import io.kefu.ticket.Topic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Outbox failures counted at a real CRM on loopback, with the relay running on its schedule: a CRM
 * answering 500 for a while gets every event after it recovers, in order per ticket and once; a
 * delivery that fails {@code max-attempts} times becomes a dead letter that holds its ticket's later
 * events back until an admin replays it (delivered once, then the rest) or discards it. Run on H2
 * ({@link DeadLetterTest}) and MariaDB ({@link MariaDbDeadLetterTest}).
 */
abstract class DeadLetterScenarios {

    static final int MAX_ATTEMPTS = 4;
    static final String ADMIN_PASSWORD = "dead-letter-admin";

    static void relayAndCrm(DynamicPropertyRegistry registry, RecordingCrmServer crm) {
        registry.add("kefu.sync.crm.url", crm::url);
        registry.add("kefu.sync.erp.enabled", () -> "false");
        registry.add("kefu.sync.relay.poll-interval", () -> "PT0.1S");
        registry.add("kefu.sync.relay.first-retry", () -> "PT0.2S");
        registry.add("kefu.sync.relay.max-retry", () -> "PT0.4S");
        registry.add("kefu.sync.relay.max-attempts", () -> Integer.toString(MAX_ATTEMPTS));
        registry.add("kefu.security.admin-password", () -> ADMIN_PASSWORD);
        // The breaker opens while the CRM refuses; kept short so probes come quickly.
        registry.add("kefu.sync.breaker.open-for", () -> "PT0.3S");
    }

    /** The subclass's own CRM server (each application context has its own). */
    abstract RecordingCrmServer crm();

    @Autowired
    IntakeService intake;
    @Autowired
    CustomerService customers;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    ObjectMapper json;
    @Autowired
    TestRestTemplate http;

    private int customer;

    @BeforeEach
    void quietCrm() {
        // Dead letters earlier tests left are out of the way (bulk replay takes all of them).
        jdbc.sql("UPDATE outbox_delivery SET status = 'DISCARDED' WHERE status = 'DEAD'").update();
        // Whatever earlier tests left in flight is delivered before this one counts.
        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.sql(
                "SELECT COUNT(*) FROM outbox_delivery WHERE status = 'PENDING'").query(Integer.class).single() == 0);
        crm().clear();
    }

    @Test
    void aCrmAnswering500ForAWhileGetsEveryEventAfterItRecoversInOrderAndOnce() {
        crm().failNext(MAX_ATTEMPTS - 1);
        List<Long> tickets = List.of(open("Please change my invoice address", Topic.BILLING),
                open("我的账号登录不了", null), open("Invoice missing for March", Topic.BILLING));

        // ticket.opened, message.received, ticket.routed
        await().atMost(Duration.ofSeconds(30)).until(() -> tickets.stream().allMatch(t -> accepted(t).size() >= 3));

        assertThat(crm().received()).as("the CRM refused some first").anyMatch(r -> r.answeredWith() == 500);
        for (long ticket : tickets) {
            List<Long> eventIds = accepted(ticket).stream().map(this::eventId).toList();
            assertThat(eventIds).as("ticket %s: in event order, none twice", ticket).isSorted().doesNotHaveDuplicates();
            assertThat(eventIds).containsExactlyElementsOf(jdbc.sql("""
                    SELECT e.id FROM outbox_event e JOIN outbox_delivery d ON d.event_id = e.id AND d.destination = 'crm'
                     WHERE e.aggregate_type = 'ticket' AND e.aggregate_id = ? ORDER BY e.id""").param(ticket)
                    .query(Long.class).list());
        }
        assertThat(deadLetters()).isZero();
    }

    @Test
    void aDeadLetterHoldsItsTicketBackUntilReplayedAndIsThenDeliveredOnce() {
        long ticket = openFailing(MAX_ATTEMPTS, "Please change my invoice address", Topic.BILLING);

        long id = awaitDeadLetter(ticket);
        JsonNode page = admin().getForObject("/api/sync/dead-letters?destination=crm", JsonNode.class);
        JsonNode letter = page.get("items").get(0);
        assertThat(letter.get("id").asLong()).isEqualTo(id);
        assertThat(letter.get("ticketId").asLong()).isEqualTo(ticket);
        assertThat(letter.get("aggregateType").asText()).isEqualTo("ticket");
        assertThat(letter.get("aggregateId").asLong()).isEqualTo(ticket);
        assertThat(letter.get("eventType").asText()).isEqualTo("ticket.opened");
        assertThat(letter.get("attempts").asInt()).isEqualTo(MAX_ATTEMPTS);
        assertThat(letter.get("lastError").asText()).contains("500");
        assertThat(page.hasNonNull("nextCursor")).as("one page").isFalse();
        await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(3))
                .until(() -> accepted(ticket).isEmpty());

        ResponseEntity<JsonNode> replayed = admin().postForEntity("/api/sync/dead-letters/" + id + "/replay", null,
                JsonNode.class);
        assertThat(replayed.getStatusCode()).isEqualTo(HttpStatus.OK);

        await().atMost(Duration.ofSeconds(20)).until(() -> accepted(ticket).size() >= 3);
        assertThat(accepted(ticket)).extracting(this::type)
                .containsExactly("ticket.opened", "message.received", "ticket.routed");
        assertThat(accepted(ticket).stream().map(this::eventId).toList()).doesNotHaveDuplicates();
        assertThat(deadLetters()).isZero();
        assertThat(audited("sync.dead-letter.replay", "delivery " + id)).isEqualTo(1);
        assertThat(admin().postForEntity("/api/sync/dead-letters/" + id + "/replay", null, JsonNode.class)
                .getStatusCode()).as("no longer a dead letter").isEqualTo(HttpStatus.NOT_FOUND);
    }

    @Test
    void aDiscardedDeadLetterLetsItsTicketsLaterEventsGoOn() {
        long ticket = openFailing(MAX_ATTEMPTS, "Please change my invoice address", Topic.BILLING);
        long id = awaitDeadLetter(ticket);

        ResponseEntity<Void> discarded = admin().exchange("/api/sync/dead-letters/" + id, HttpMethod.DELETE, null,
                Void.class);
        assertThat(discarded.getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);

        await().atMost(Duration.ofSeconds(20)).until(() -> accepted(ticket).size() >= 2);
        assertThat(accepted(ticket)).extracting(this::type).containsExactly("message.received", "ticket.routed");
        assertThat(jdbc.sql("SELECT status FROM outbox_delivery WHERE id = ?").param(id).query(String.class).single())
                .isEqualTo("DISCARDED");
        assertThat(audited("sync.dead-letter.discard", "delivery " + id)).isEqualTo(1);
    }

    @Test
    void aBulkReplayTakesTheChosenDeadLettersOrAllOfThem() {
        long first = openFailing(MAX_ATTEMPTS, "Please change my invoice address", Topic.BILLING);
        long firstLetter = awaitDeadLetter(first);
        long second = openFailing(MAX_ATTEMPTS, "Invoice missing for March", Topic.BILLING);
        long secondLetter = awaitDeadLetter(second);

        JsonNode chosen = admin().postForObject("/api/sync/dead-letters/replay",
                Map.of("destination", "crm", "ids", List.of(secondLetter, 999_999_999L)), JsonNode.class);
        assertThat(chosen.get("replayed").asInt()).isEqualTo(1);
        assertThat(chosen.get("ids").get(0).asLong()).isEqualTo(secondLetter);
        await().atMost(Duration.ofSeconds(20)).until(() -> accepted(second).size() >= 3);
        assertThat(accepted(first)).isEmpty();

        JsonNode all = admin().postForObject("/api/sync/dead-letters/replay", null, JsonNode.class);
        assertThat(all.get("ids").get(0).asLong()).isEqualTo(firstLetter);
        await().atMost(Duration.ofSeconds(20)).until(() -> accepted(first).size() >= 3);
        assertThat(accepted(first)).extracting(this::type)
                .containsExactly("ticket.opened", "message.received", "ticket.routed");
        assertThat(accepted(second)).extracting(this::type)
                .containsExactly("ticket.opened", "message.received", "ticket.routed");
    }

    @Test
    void badRequestsAreRefusedWithTheFieldAndChangeNothing() {
        ResponseEntity<JsonNode> destination = admin().getForEntity("/api/sync/dead-letters?destination=fax",
                JsonNode.class);
        assertThat(destination.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(destination.getBody().get("field").asText()).isEqualTo("destination");
        ResponseEntity<JsonNode> cursor = admin().getForEntity("/api/sync/dead-letters?cursor=nonsense", JsonNode.class);
        assertThat(cursor.getBody().get("field").asText()).isEqualTo("cursor");
        ResponseEntity<JsonNode> ids = admin().postForEntity("/api/sync/dead-letters/replay", Map.of("ids", List.of()),
                JsonNode.class);
        assertThat(ids.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(ids.getBody().get("field").asText()).isEqualTo("ids");
        assertThat(admin().exchange("/api/sync/dead-letters/424242", HttpMethod.DELETE, HttpEntity.EMPTY, JsonNode.class)
                .getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(http.getForEntity("/api/sync/dead-letters", JsonNode.class).getStatusCode())
                .isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    private TestRestTemplate admin() {
        return http.withBasicAuth("admin", ADMIN_PASSWORD);
    }

    private long open(String text, Topic topic) {
        String externalId = "dead-letter-" + getClass().getSimpleName() + "-" + (++customer) + "-" + System.nanoTime();
        customers.register(externalId, "Customer " + customer, CustomerTier.STANDARD);
        return intake.receive(new InboundMessage(Channel.APP, externalId, text, topic)).ticketId();
    }

    /**
     * A ticket whose first {@code failures} deliveries the CRM refuses: the customer is registered
     * and their {@code customer.changed} accepted first, so the refusals fall on the ticket's events.
     */
    private long openFailing(int failures, String text, Topic topic) {
        String externalId = "dead-letter-" + getClass().getSimpleName() + "-" + (++customer) + "-" + System.nanoTime();
        customers.register(externalId, "Customer " + customer, CustomerTier.STANDARD);
        await().atMost(Duration.ofSeconds(20)).until(() -> crm().accepted().stream()
                .anyMatch(r -> read(r).path("customer").path("externalId").asText().equals(externalId)));
        crm().failNext(failures);
        return intake.receive(new InboundMessage(Channel.APP, externalId, text, topic)).ticketId();
    }

    private long awaitDeadLetter(long ticket) {
        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.sql(
                "SELECT COUNT(*) FROM outbox_delivery WHERE aggregate_type = 'ticket' AND aggregate_id = ?"
                        + " AND destination = 'crm' AND status = 'DEAD'").param(ticket).query(Integer.class).single() == 1);
        return jdbc.sql("SELECT id FROM outbox_delivery WHERE aggregate_type = 'ticket' AND aggregate_id = ?"
                + " AND destination = 'crm' AND status = 'DEAD'").param(ticket).query(Long.class).single();
    }

    private int deadLetters() {
        return jdbc.sql("SELECT COUNT(*) FROM outbox_delivery WHERE status = 'DEAD'").query(Integer.class).single();
    }

    private int audited(String action, String target) {
        return jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE action = ? AND target = ? AND actor = 'admin'")
                .params(action, target).query(Integer.class).single();
    }

    private List<RecordingCrmServer.Received> accepted(long ticketId) {
        return crm().accepted().stream().filter(r -> ticketOf(r) == ticketId).toList();
    }

    private long ticketOf(RecordingCrmServer.Received r) {
        return read(r).path("ticket").path("id").asLong(-1);
    }

    private long eventId(RecordingCrmServer.Received r) {
        return read(r).path("eventId").asLong(-1);
    }

    private String type(RecordingCrmServer.Received r) {
        return read(r).path("type").asText("unreadable");
    }

    private JsonNode read(RecordingCrmServer.Received r) {
        try {
            return json.readTree(r.body());
        } catch (Exception e) {
            return json.createObjectNode();
        }
    }
}
