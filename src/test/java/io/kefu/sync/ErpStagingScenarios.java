package io.kefu.sync;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.test.context.DynamicPropertyRegistry;

import io.kefu.customer.CustomerService;
import io.kefu.customer.CustomerTier;
import io.kefu.intake.InboundMessage;
import io.kefu.intake.IntakeService;
import io.kefu.ticket.Channel;
import io.kefu.ticket.Topic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The ERP staging table destination ({@code erp-staging}, kind jdbc, in the shipped
 * {@code integrations/destinations.yaml} with {@code integrations/mappings/erp-staging.yaml}) against
 * a real second database the ERP owns: every ticket event becomes one row with the mapped columns,
 * upserted by event id, so a delivery sent again leaves one row; a table that is not there yet
 * fails the attempts, and once the ERP creates it every event arrives; a destination started
 * from an event id backfills the events before it. Run on H2 ({@link ErpStagingTest}) and MariaDB
 * with the table in another schema ({@link MariaDbErpStagingTest}).
 */
abstract class ErpStagingScenarios {

    static final String TABLE = "kefu_ticket_event";

    static void staging(DynamicPropertyRegistry registry, String jdbcUrl, String user, String password) {
        registry.add("KEFU_ERP_STAGING_JDBC_URL", () -> jdbcUrl);
        registry.add("KEFU_ERP_STAGING_USER", () -> user);
        registry.add("KEFU_ERP_STAGING_PASSWORD", () -> password);
        registry.add("KEFU_ERP_STAGING_START_FROM", () -> "1");
        registry.add("kefu.sync.erp.enabled", () -> "false");
        registry.add("kefu.sync.relay.poll-interval", () -> "PT0.1S");
        registry.add("kefu.sync.relay.first-retry", () -> "PT0.2S");
        registry.add("kefu.sync.relay.max-retry", () -> "PT0.4S");
        registry.add("kefu.sync.breaker.open-for", () -> "PT0.3S");
        registry.add("kefu.security.admin-password", () -> ADMIN_PASSWORD);
        // No soothing message half a minute in: a ticket's events stay what the test counted.
        registry.add("KEFU_SOOTHE_AFTER", () -> "PT1H");
        // A secret that must never show on the destinations API.
        registry.add("kefu.sync.crm.secret", () -> "crm-secret-never-shown");
    }

    static final String ADMIN_PASSWORD = "staging-admin";

    /** The ERP's database, as the ERP itself would reach it. */
    abstract DataSource erp();

    /** The ERP's CREATE TABLE in its own dialect. */
    abstract String createTable();

    @Autowired
    IntakeService intake;
    @Autowired
    CustomerService customers;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    ObjectMapper json;
    @Autowired
    Destinations destinations;
    @Autowired
    DestinationStarts starts;
    @Autowired
    TestRestTemplate http;

    private static int customer;

    JdbcTemplate erpJdbc() {
        return new JdbcTemplate(erp());
    }

    @BeforeEach
    void freshTable() {
        erpJdbc().execute("DROP TABLE IF EXISTS " + TABLE);
        erpJdbc().execute(createTable());
    }

    private long ticket(String text) {
        String id = "staging-" + getClass().getSimpleName() + "-" + (++customer);
        customers.register(id, "Staging " + customer, CustomerTier.VIP);
        return intake.receive(new InboundMessage(Channel.APP, id, text, Topic.BILLING)).ticketId();
    }

    private List<Map<String, Object>> rows(long ticketId) {
        return erpJdbc().queryForList("SELECT * FROM " + TABLE + " WHERE ticket_id = ? ORDER BY event_id", ticketId);
    }

    private List<Long> eventIds(long ticketId) {
        return jdbc.sql("""
                SELECT e.id FROM outbox_event e WHERE e.aggregate_id = ? AND e.event_type LIKE 'ticket.%' ORDER BY e.id
                """).param(ticketId).query(Long.class).list();
    }

    private Integer pendingOf(long ticketId) {
        return jdbc.sql("""
                SELECT COUNT(*) FROM outbox_delivery WHERE destination = 'erp-staging' AND aggregate_id = ? AND status = 'PENDING'
                """).param(ticketId).query(Integer.class).single();
    }

    @Test
    void everyTicketEventBecomesOneRowWithTheMappedColumns() throws Exception {
        assertThat(destinations.named("erp-staging")).get().extracting(OutboxDestination::enabled).isEqualTo(true);
        long ticketId = ticket("Please send me a copy of last month's invoice");

        await().atMost(Duration.ofSeconds(20)).until(() -> eventIds(ticketId).size() >= 2 && pendingOf(ticketId) == 0
                && rows(ticketId).size() == eventIds(ticketId).size());

        List<Map<String, Object>> rows = rows(ticketId);
        assertThat(rows).extracting(r -> ((Number) r.get(key(r, "event_id"))).longValue())
                .containsExactlyElementsOf(eventIds(ticketId));
        Map<String, Object> routed = rows.stream().filter(r -> "ticket.routed".equals(r.get(key(r, "event_type")))).findFirst()
                .orElseThrow();
        assertThat(routed.get(key(routed, "status"))).isEqualTo("QUEUED");
        assertThat(routed.get(key(routed, "queue"))).isEqualTo("billing_team");
        assertThat(((Number) routed.get(key(routed, "priority"))).intValue()).as("HIGH through the mapping's values table").isEqualTo(2);
        assertThat(routed.get(key(routed, "customer_external_id")).toString()).startsWith("staging-");
        JsonNode payload = json.readTree(routed.get(key(routed, "payload")).toString());
        assertThat(payload.get("type").asText()).isEqualTo("ticket.routed");
        assertThat(payload.get("ticket").get("id").asLong()).isEqualTo(ticketId);
    }

    @Test
    void aDeliverySentAgainLeavesOneRowUpdatedInPlace() {
        long ticketId = ticket("My refund has not arrived");
        // Opened and routed: no more events come on their own.
        await().atMost(Duration.ofSeconds(20)).until(() -> eventIds(ticketId).size() >= 2 && pendingOf(ticketId) == 0
                && rows(ticketId).size() == eventIds(ticketId).size());
        long first = eventIds(ticketId).get(0);
        erpJdbc().update("UPDATE " + TABLE + " SET status = 'CHANGED BY ERP' WHERE event_id = ?", first);

        // A node that stopped between sending and marking sends it again.
        jdbc.sql("UPDATE outbox_delivery SET status = 'PENDING', next_attempt_at = CURRENT_TIMESTAMP WHERE destination = 'erp-staging' AND event_id = ?")
                .param(first).update();
        await().atMost(Duration.ofSeconds(20)).until(() -> pendingOf(ticketId) == 0);

        List<Map<String, Object>> rows = rows(ticketId);
        assertThat(rows).hasSize(eventIds(ticketId).size());
        Map<String, Object> again = rows.get(0);
        assertThat(again.get(key(again, "status"))).as("upserted with the event's values").isEqualTo("NEW");
    }

    @Test
    void aTableNotThereYetFailsTheAttemptsAndEveryEventArrivesOnceTheErpCreatesIt() {
        erpJdbc().execute("DROP TABLE " + TABLE);
        long ticketId = ticket("Can I change the delivery address?");

        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.sql("""
                SELECT COUNT(*) FROM outbox_delivery WHERE destination = 'erp-staging' AND aggregate_id = ? AND attempts >= 2
                """).param(ticketId).query(Integer.class).single() > 0);
        String error = jdbc.sql("""
                SELECT last_error FROM outbox_delivery WHERE destination = 'erp-staging' AND aggregate_id = ? AND attempts >= 1
                 ORDER BY event_id LIMIT 1
                """).param(ticketId).query(String.class).single();
        assertThat(error.toLowerCase()).contains(TABLE);

        erpJdbc().execute(createTable());
        await().atMost(Duration.ofSeconds(30)).until(() -> pendingOf(ticketId) == 0
                && rows(ticketId).size() == eventIds(ticketId).size());
    }

    @Test
    void aDestinationStartedFromAnEventIdGetsTheEventsBeforeItToo() {
        long ticketId = ticket("Was my payment received?");
        await().atMost(Duration.ofSeconds(20)).until(() -> eventIds(ticketId).size() >= 2 && pendingOf(ticketId) == 0);
        List<Long> events = eventIds(ticketId);
        // As if erp-staging had been switched on only now: none of its deliveries exist, nor its start.
        erpJdbc().update("DELETE FROM " + TABLE);
        jdbc.sql("DELETE FROM outbox_delivery WHERE destination = 'erp-staging' AND event_id >= ?").param(events.get(0)).update();
        jdbc.sql("DELETE FROM outbox_destination_start WHERE destination = 'erp-staging'").update();

        starts.startNewDestinations();

        assertThat(jdbc.sql("SELECT start_from FROM outbox_destination_start WHERE destination = 'erp-staging'")
                .query(String.class).single()).isEqualTo("1");
        await().atMost(Duration.ofSeconds(20)).until(() -> pendingOf(ticketId) == 0
                && rows(ticketId).size() == eventIds(ticketId).size());
        assertThat(rows(ticketId)).hasSizeGreaterThanOrEqualTo(events.size());
        // Starting again does nothing: the row says it was started.
        starts.startNewDestinations();
        assertThat(pendingOf(ticketId)).isZero();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM outbox_delivery WHERE destination = 'erp-staging' AND aggregate_id = ?")
                .param(ticketId).query(Integer.class).single()).isEqualTo(eventIds(ticketId).size());
    }

    @Test
    void anAdminSeesTheDestinationsTheirStartAndDeliveriesButNoEndpointOrCredential() {
        long ticketId = ticket("Is my order shipped?");
        await().atMost(Duration.ofSeconds(20)).until(() -> !eventIds(ticketId).isEmpty() && pendingOf(ticketId) == 0);

        ResponseEntity<String> answer = http.withBasicAuth("admin", ADMIN_PASSWORD).getForEntity("/api/sync/destinations", String.class);

        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(answer.getBody()).doesNotContain("erp-secret", "crm-secret-never-shown", "jdbc:");
        JsonNode staging = null;
        for (JsonNode destination : readTree(answer.getBody())) {
            if (destination.get("name").asText().equals("erp-staging")) {
                staging = destination;
            }
        }
        assertThat(staging).isNotNull();
        assertThat(staging.get("kind").asText()).isEqualTo("jdbc");
        assertThat(staging.get("enabled").asBoolean()).isTrue();
        assertThat(staging.get("events").get(0).asText()).isEqualTo("ticket.*");
        assertThat(staging.get("mapping").asText()).isEqualTo("integrations/mappings/erp-staging.yaml");
        assertThat(staging.get("startFrom").asText()).isEqualTo("1");
        assertThat(staging.get("startedAt").isNull()).isFalse();
        assertThat(staging.get("deliveries").get("DELIVERED").asLong()).isGreaterThanOrEqualTo(eventIds(ticketId).size());
        assertThat(http.getForEntity("/api/sync/destinations", String.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    private JsonNode readTree(String body) {
        try {
            return json.readTree(body);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Column names as the database reports them (H2 upper-cases unquoted names). */
    static String key(Map<String, Object> row, String column) {
        return row.containsKey(column) ? column : column.toUpperCase(java.util.Locale.ROOT);
    }

    static DataSource dataSource(String url, String user, String password) {
        return new DriverManagerDataSource(url, user, password);
    }
}
