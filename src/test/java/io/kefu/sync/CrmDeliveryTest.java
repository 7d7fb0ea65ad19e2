package io.kefu.sync;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.apache.camel.CamelContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.kefu.customer.CustomerService;
import io.kefu.customer.CustomerTier;
import io.kefu.intake.InboundMessage;
import io.kefu.intake.IntakeService;
import io.kefu.testing.H2Database;
import io.kefu.testing.RecordingCrmServer;
import io.kefu.ticket.Channel;
import io.kefu.ticket.Topic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The CRM, a webhook destination ({@code integrations/webhook/webhook-delivery.camel.yaml}), against a real HTTP
 * server on loopback: the JSON the CRM receives, and a CRM answering 500 getting the same event
 * again until it accepts it, in order.
 */
@H2Database("crm-delivery")
@SpringBootTest(properties = {
        "kefu.sync.erp.enabled=false",
        "kefu.sync.relay.poll-interval=PT0.1S",
        "kefu.sync.relay.first-retry=PT0.3S",
        "kefu.sync.crm.secret=" + CrmDeliveryTest.SECRET,
        "kefu.sync.crm.response-timeout=700",
        "kefu.sync.breaker.open-for=PT0.3S"})
class CrmDeliveryTest {

    static final String SECRET = "whsec-test-3f9a";
    static final RecordingCrmServer CRM = new RecordingCrmServer();

    @DynamicPropertySource
    static void crm(DynamicPropertyRegistry registry) {
        registry.add("kefu.sync.crm.url", CRM::url);
    }

    @AfterAll
    static void stop() {
        CRM.close();
    }

    @Autowired
    IntakeService intake;
    @Autowired
    CustomerService customers;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    ObjectMapper json;
    @Autowired
    CamelContext camel;
    @Autowired
    Destinations destinations;

    @Test
    void crmReceivesEachTicketEventAsJsonWithAnIdempotencyKey() throws Exception {
        customers.register("crm-json", "Chen Jing", CustomerTier.VIP);
        long ticketId = intake.receive(new InboundMessage(Channel.APP, "crm-json", "Please change my invoice address",
                Topic.BILLING)).ticketId();

        await().atMost(Duration.ofSeconds(15)).until(() -> accepted(ticketId).size() >= 3);

        assertThat(accepted(ticketId)).extracting(this::type)
                .containsExactly("ticket.opened", "message.received", "ticket.routed");
        RecordingCrmServer.Received routed = accepted(ticketId).get(2);
        assertThat(routed.method()).isEqualTo("POST");
        assertThat(routed.path()).isEqualTo("/crm/tickets");
        assertThat(routed.header("Content-Type")).startsWith("application/json");
        assertThat(routed.header("X-Kefu-Event-Type")).isEqualTo("ticket.routed");
        assertThat(routed.header("X-Kefu-Schema-Version")).isEqualTo("1");
        JsonNode body = json.readTree(routed.body());
        assertThat(routed.header("Idempotency-Key")).isEqualTo("kefu-event-" + body.get("eventId").asLong());
        assertThat(body.get("type").asText()).isEqualTo("ticket.routed");
        assertThat(body.get("occurredAt").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
        JsonNode ticket = body.get("ticket");
        assertThat(ticket.get("id").asLong()).isEqualTo(ticketId);
        assertThat(ticket.get("status").asText()).isEqualTo("QUEUED");
        assertThat(ticket.get("queue").asText()).isEqualTo("billing_team");
        assertThat(ticket.get("priority").asText()).isEqualTo("HIGH");
        assertThat(ticket.get("topic").asText()).isEqualTo("BILLING");
        assertThat(ticket.get("channel").asText()).isEqualTo("APP");
        assertThat(ticket.get("customerExternalId").asText()).isEqualTo("crm-json");
        assertThat(routed.headers().keySet()).noneMatch(h -> h.toLowerCase().startsWith("kefu"));
    }

    @Test
    void eventsTheCrmRefusedAreRetriedUntilDeliveredAndKeepTheirOrder() throws Exception {
        customers.register("crm-down", "Zhao Lei", CustomerTier.STANDARD);
        // The customer's own event first, so the refusals fall on the ticket's.
        await().atMost(Duration.ofSeconds(15)).until(() -> customerEventAccepted("crm-down"));
        CRM.failNext(3);
        long ticketId = intake.receive(new InboundMessage(Channel.WEB, "crm-down", "我的账号登录不了", null)).ticketId();

        await().atMost(Duration.ofSeconds(20)).until(() -> accepted(ticketId).size() >= 3);

        List<String> refusedTypes = CRM.received().stream().filter(r -> r.answeredWith() == 500)
                .map(r -> type(r)).toList();
        assertThat(refusedTypes).as("the CRM refused the first attempts").hasSize(3).containsOnly("ticket.opened");
        assertThat(accepted(ticketId)).extracting(this::type)
                .containsExactly("ticket.opened", "message.received", "ticket.routed");
        Map<String, Object> opened = jdbc.sql("""
                SELECT d.status, d.attempts, d.last_error, e.event_version
                  FROM outbox_delivery d JOIN outbox_event e ON e.id = d.event_id
                 WHERE e.aggregate_type = 'ticket' AND e.aggregate_id = ? AND e.event_type = 'ticket.opened'
                   AND d.destination = 'crm'
                """).param(ticketId).query().singleRow();
        assertThat(opened.get("status")).isEqualTo("DELIVERED");
        assertThat(((Number) opened.get("attempts")).intValue()).isEqualTo(4);
        assertThat(((Number) opened.get("event_version")).intValue()).as("schema version of the payload").isEqualTo(1);
    }

    @Test
    void everyDeliveryIsSignedWithTheSharedSecretOverTimestampAndBody() throws Exception {
        customers.register("crm-signed", "Wu Fang", CustomerTier.STANDARD);
        long before = java.time.Instant.now().getEpochSecond();
        long ticketId = intake.receive(new InboundMessage(Channel.APP, "crm-signed", "Where is my parcel?", null))
                .ticketId();

        await().atMost(Duration.ofSeconds(15)).until(() -> accepted(ticketId).size() >= 2);

        for (RecordingCrmServer.Received r : accepted(ticketId)) {
            String timestamp = r.header("X-Kefu-Timestamp");
            assertThat(Long.parseLong(timestamp)).as("Unix seconds").isBetween(before - 1, before + 30);
            byte[] body = r.body().getBytes(java.nio.charset.StandardCharsets.UTF_8);
            // Computed here independently of the production code, as a receiver would.
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(SECRET.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                    "HmacSHA256"));
            mac.update((timestamp + ".").getBytes(java.nio.charset.StandardCharsets.UTF_8));
            String expected = "sha256=" + java.util.HexFormat.of().formatHex(mac.doFinal(body));
            assertThat(r.header("X-Kefu-Signature")).isEqualTo(expected);
            assertThat(WebhookSignature.verify(SECRET, timestamp, body, r.header("X-Kefu-Signature"))).isTrue();
            assertThat(WebhookSignature.verify("another-secret", timestamp, body, r.header("X-Kefu-Signature")))
                    .isFalse();
        }
    }

    @Test
    void aCrmThatDoesNotAnswerInTimeIsAFailedAttemptRetriedLater() {
        customers.register("crm-slow", "Lin Tao", CustomerTier.STANDARD);
        await().atMost(Duration.ofSeconds(15)).until(() -> customerEventAccepted("crm-slow"));
        CRM.stallNext(1, 2_000);
        long ticketId = intake.receive(new InboundMessage(Channel.WEB, "crm-slow", "Invoice missing", null)).ticketId();

        await().atMost(Duration.ofSeconds(20)).until(() -> accepted(ticketId).size() >= 3);

        assertThat(accepted(ticketId)).extracting(this::type)
                .containsExactly("ticket.opened", "message.received", "ticket.routed");
        String error = jdbc.sql("""
                SELECT d.last_error FROM outbox_delivery d JOIN outbox_event e ON e.id = d.event_id
                 WHERE e.aggregate_type = 'ticket' AND e.aggregate_id = ? AND e.event_type = 'ticket.opened'
                   AND d.destination = 'crm'
                """).param(ticketId).query(String.class).optional().orElse(null);
        assertThat(error).as("cleared once delivered").isNull();
        int attempts = jdbc.sql("""
                SELECT d.attempts FROM outbox_delivery d JOIN outbox_event e ON e.id = d.event_id
                 WHERE e.aggregate_type = 'ticket' AND e.aggregate_id = ? AND e.event_type = 'ticket.opened'
                   AND d.destination = 'crm'
                """).param(ticketId).query(Integer.class).single();
        assertThat(attempts).as("the timed-out attempt counted").isEqualTo(2);
    }

    @Test
    void onlyTheDestinationsSwitchedOnGetDeliveries() {
        assertThat(destinations.enabled()).extracting(OutboxDestination::name)
                .as("crm by its URL; erp switched off by kefu.sync.erp.enabled=false; no RabbitMQ or staging URL")
                .containsExactly("crm");
        customers.register("crm-only", "Li Lei", CustomerTier.STANDARD);
        long ticketId = intake.receive(new InboundMessage(Channel.APP, "crm-only", "Where is my parcel?", Topic.ORDER))
                .ticketId();
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(accepted(ticketId)).isNotEmpty());
        assertThat(jdbc.sql("""
                SELECT DISTINCT d.destination FROM outbox_delivery d JOIN outbox_event e ON e.id = d.event_id
                 WHERE e.aggregate_id = ?
                """).param(ticketId).query(String.class).list()).containsExactly("crm");
    }

    @Test
    void noIntercomRouteNorDeliveriesWithoutAToken() {
        assertThat(camel.getRoute("intercom-ticket-sync")).as("no KEFU_INTERCOM_TOKEN: no Intercom route").isNull();
        assertThat(camel.getRoute("intercom-api")).isNull();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM outbox_delivery WHERE destination = 'intercom'").query(Integer.class)
                .single()).as("nor deliveries").isZero();
    }

    private List<RecordingCrmServer.Received> accepted(long ticketId) {
        return CRM.accepted().stream().filter(r -> ticketOf(r) == ticketId).toList();
    }

    private boolean customerEventAccepted(String externalId) {
        return CRM.accepted().stream().anyMatch(r -> {
            try {
                return json.readTree(r.body()).path("customer").path("externalId").asText().equals(externalId);
            } catch (Exception e) {
                return false;
            }
        });
    }

    private long ticketOf(RecordingCrmServer.Received r) {
        try {
            return json.readTree(r.body()).get("ticket").get("id").asLong();
        } catch (Exception e) {
            return -1;
        }
    }

    private String type(RecordingCrmServer.Received r) {
        try {
            return json.readTree(r.body()).get("type").asText();
        } catch (Exception e) {
            return "unreadable";
        }
    }
}
