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
 * Backfill over real HTTP with the relay on its schedule, counted at a real CRM on loopback: the
 * events a destination never got (their deliveries missing, as for events written before the CRM
 * was switched on) arrive once each, in order, and none that was delivered already is sent again.
 * On H2 ({@link BackfillTest}) and MariaDB ({@link MariaDbBackfillTest}).
 */
abstract class BackfillScenarios {

    static final String ADMIN_PASSWORD = "backfill-admin";

    static void relayAndCrm(DynamicPropertyRegistry registry, RecordingCrmServer crm) {
        registry.add("kefu.sync.crm.url", crm::url);
        registry.add("kefu.sync.erp.enabled", () -> "false");
        registry.add("kefu.sync.relay.poll-interval", () -> "PT0.1S");
        registry.add("kefu.security.admin-password", () -> ADMIN_PASSWORD);
    }

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
    void everythingDelivered() {
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql(
                "SELECT COUNT(*) FROM outbox_delivery WHERE status = 'PENDING'").query(Integer.class).single() == 0);
        crm().clear();
    }

    @Test
    void backfillDeliversExactlyTheMissingEvents() {
        long missed = open("Please change my invoice address", Topic.BILLING);
        long delivered = open("Invoice missing for March", Topic.BILLING);
        // ticket.opened, message.received, ticket.routed
        await().atMost(Duration.ofSeconds(30)).until(() -> accepted(missed).size() >= 3 && accepted(delivered).size() >= 3);
        List<Long> missedEvents = events(missed);
        long firstEvent = jdbc.sql(
                "SELECT MIN(id) FROM outbox_event WHERE aggregate_type = 'ticket' AND aggregate_id IN (?, ?)")
                .params(missed, delivered).query(Long.class).single();
        // As if the CRM had been switched on after the first ticket's events were written.
        jdbc.sql("DELETE FROM outbox_delivery WHERE aggregate_type = 'ticket' AND aggregate_id = ? AND destination = 'crm'")
                .param(missed).update();
        crm().clear();

        ResponseEntity<JsonNode> answer = admin().postForEntity("/api/sync/destinations/crm/backfill",
                Map.of("fromEventId", firstEvent), JsonNode.class);

        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(answer.getBody().get("created").asInt()).isEqualTo(missedEvents.size());
        assertThat(answer.getBody().get("firstEventId").asLong()).isEqualTo(missedEvents.get(0));
        await().atMost(Duration.ofSeconds(30)).until(() -> accepted(missed).size() >= missedEvents.size());
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5))
                .until(() -> accepted(missed).size() == missedEvents.size());
        assertThat(accepted(missed).stream().map(this::eventId).toList()).containsExactlyElementsOf(missedEvents);
        assertThat(accepted(delivered)).as("already delivered: not sent again").isEmpty();

        JsonNode again = admin().postForObject("/api/sync/destinations/crm/backfill", Map.of("fromEventId", firstEvent),
                JsonNode.class);
        assertThat(again.get("created").asInt()).as("a second backfill finds nothing missing").isZero();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE action = 'sync.backfill' AND actor = 'admin'"
                + " AND target = 'destination crm' AND outcome = 'SUCCESS'").query(Integer.class).single()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void backfillSinceATimeTakesTheEventsWrittenFromThen() {
        long missed = open("My card was charged twice", Topic.BILLING);
        await().atMost(Duration.ofSeconds(30)).until(() -> accepted(missed).size() >= 3);
        List<Long> missedEvents = events(missed);
        String since = jdbc.sql(
                "SELECT MIN(created_at) FROM outbox_event WHERE aggregate_type = 'ticket' AND aggregate_id = ?").param(missed)
                .query(java.sql.Timestamp.class).single().toInstant().toString();
        jdbc.sql("DELETE FROM outbox_delivery WHERE aggregate_type = 'ticket' AND aggregate_id = ? AND destination = 'crm'")
                .param(missed).update();
        crm().clear();

        JsonNode answer = admin().postForObject("/api/sync/destinations/crm/backfill", Map.of("since", since),
                JsonNode.class);

        assertThat(answer.get("created").asInt()).isEqualTo(missedEvents.size());
        await().atMost(Duration.ofSeconds(30)).until(() -> accepted(missed).size() >= missedEvents.size());
        assertThat(accepted(missed).stream().map(this::eventId).toList()).containsExactlyElementsOf(missedEvents);
    }

    @Test
    void badRequestsNameTheFieldAndCreateNothing() {
        int before = deliveries();
        assertField(admin().postForEntity("/api/sync/destinations/fax/backfill", Map.of("fromEventId", 1),
                JsonNode.class), "destination");
        assertField(admin().postForEntity("/api/sync/destinations/crm/backfill", Map.of(), JsonNode.class),
                "fromEventId");
        assertField(admin().postForEntity("/api/sync/destinations/crm/backfill",
                Map.of("fromEventId", 1, "since", "2026-01-01T00:00:00Z"), JsonNode.class), "fromEventId");
        assertField(admin().postForEntity("/api/sync/destinations/crm/backfill", Map.of("since", "yesterday"),
                JsonNode.class), "since");
        assertThat(admin().postForEntity("/api/sync/destinations/erp/backfill", Map.of("fromEventId", 1),
                JsonNode.class).getStatusCode()).as("ERP is off here").isEqualTo(HttpStatus.CONFLICT);
        assertThat(http.postForEntity("/api/sync/destinations/crm/backfill", Map.of("fromEventId", 1), JsonNode.class)
                .getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(deliveries()).isEqualTo(before);
    }

    private void assertField(ResponseEntity<JsonNode> answer, String field) {
        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(answer.getBody().get("field").asText()).isEqualTo(field);
    }

    private int deliveries() {
        return jdbc.sql("SELECT COUNT(*) FROM outbox_delivery").query(Integer.class).single();
    }

    private List<Long> events(long ticket) {
        return jdbc.sql("SELECT id FROM outbox_event WHERE aggregate_type = 'ticket' AND aggregate_id = ? ORDER BY id")
                .param(ticket)
                .query(Long.class).list();
    }

    private TestRestTemplate admin() {
        return http.withBasicAuth("admin", ADMIN_PASSWORD);
    }

    private long open(String text, Topic topic) {
        String externalId = "backfill-" + getClass().getSimpleName() + "-" + (++customer) + "-" + System.nanoTime();
        customers.register(externalId, "Customer " + customer, CustomerTier.STANDARD);
        return intake.receive(new InboundMessage(Channel.APP, externalId, text, topic)).ticketId();
    }

    private List<RecordingCrmServer.Received> accepted(long ticketId) {
        return crm().accepted().stream().filter(r -> read(r).path("ticket").path("id").asLong(-1) == ticketId).toList();
    }

    private long eventId(RecordingCrmServer.Received r) {
        return read(r).path("eventId").asLong(-1);
    }

    private JsonNode read(RecordingCrmServer.Received r) {
        try {
            return json.readTree(r.body());
        } catch (Exception e) {
            return json.createObjectNode();
        }
    }
}
