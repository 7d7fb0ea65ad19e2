package io.kefu.sync;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

import org.apache.camel.CamelContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
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
 * The outbox meters on {@code /actuator/prometheus}, read as Prometheus reads them: a CRM on loopback
 * refuses a ticket's first event until it becomes a dead letter, and the scrape shows the failures,
 * the dead letter, the ticket's event waiting behind it and the lag, tagged {@code destination="crm"};
 * after the dead letter is discarded, the delivered counter and the emptied gauges. Scraped by an admin
 * (HTTP Basic) and by a {@code metrics:read} token; other tokens are refused.
 */
@H2Database("outbox-metrics")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class OutboxMetricsTest {

    static final RecordingCrmServer CRM = new RecordingCrmServer();
    static final String ADMIN_PASSWORD = "metrics-admin";
    static final int MAX_ATTEMPTS = 2;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("kefu.sync.crm.url", CRM::url);
        registry.add("kefu.sync.erp.enabled", () -> "false");
        registry.add("kefu.sync.relay.poll-interval", () -> "PT0.1S");
        registry.add("kefu.sync.relay.first-retry", () -> "PT0.2S");
        registry.add("kefu.sync.relay.max-retry", () -> "PT0.4S");
        registry.add("kefu.sync.relay.max-attempts", () -> Integer.toString(MAX_ATTEMPTS));
        registry.add("kefu.sync.metrics.cache-for", () -> "PT0.5S");
        registry.add("kefu.security.admin-password", () -> ADMIN_PASSWORD);
    }

    @AfterAll
    static void stop() {
        CRM.close();
    }

    @Autowired
    TestRestTemplate http;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    IntakeService intake;
    @Autowired
    CustomerService customers;
    @Autowired
    CamelContext camel;
    @Autowired
    CachingConnectionFactory rabbitConnections;

    @Test
    void aFailedDeliveryAndADeadLetterShowOnThePrometheusScrapeWithTheirDestination() {
        customers.register("metrics-customer", "Metrics", CustomerTier.STANDARD);
        // The customer's customer.changed goes through first; the refusals fall on the ticket's events.
        await().atMost(Duration.ofSeconds(30)).until(() -> count("status = 'DELIVERED'") == 1);
        CRM.clear();
        CRM.failNext(MAX_ATTEMPTS);
        long ticket = intake.receive(new InboundMessage(Channel.APP, "metrics-customer", "Please change my invoice address",
                Topic.BILLING)).ticketId();
        await().atMost(Duration.ofSeconds(30)).until(() -> count("status = 'DEAD'") == 1 && count("status = 'PENDING'") >= 1);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            String scrape = scrapeAsAdmin();
            assertThat(value(scrape, "kefu_outbox_failures_total", "crm")).hasValue(MAX_ATTEMPTS);
            assertThat(value(scrape, "kefu_outbox_dead_letters", "crm")).hasValue(1);
            assertThat(value(scrape, "kefu_outbox_pending", "crm")).as("behind the dead letter")
                    .hasValue(count("status = 'PENDING'"));
            assertThat(value(scrape, "kefu_outbox_in_flight", "crm")).hasValue(0);
            assertThat(value(scrape, "kefu_outbox_delivered_total", "crm")).as("the customer's event").hasValue(1);
            assertThat(value(scrape, "kefu_outbox_lag_seconds", "crm").orElseThrow()).isGreaterThan(0);
        });
        String scrape = scrapeAsAdmin();
        assertThat(scrape).contains("# TYPE kefu_outbox_failures_total counter", "# TYPE kefu_outbox_dead_letters gauge");
        assertThat(value(scrape, "kefu_outbox_pending", "rabbitmq")).as("RabbitMQ is off: no meters").isEmpty();
        assertThat(camel.getRoute("rabbitmq-ticket-publish")).as("no RabbitMQ URL, no route").isNull();
        assertThat(rabbitConnections.getCacheProperties().getProperty("localPort")).as("never connected").isEqualTo("0");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM outbox_delivery WHERE destination = 'rabbitmq'").query(Integer.class)
                .single()).isZero();

        int waiting = count("status = 'PENDING'");
        long letter = jdbc.sql("SELECT id FROM outbox_delivery WHERE status = 'DEAD'").query(Long.class).single();
        assertThat(http.withBasicAuth("admin", ADMIN_PASSWORD).exchange("/api/sync/dead-letters/" + letter,
                HttpMethod.DELETE, HttpEntity.EMPTY, Void.class).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            String after = scrapeAsAdmin();
            assertThat(value(after, "kefu_outbox_delivered_total", "crm").orElseThrow())
                    .isGreaterThanOrEqualTo(waiting);
            assertThat(value(after, "kefu_outbox_dead_letters", "crm")).hasValue(0);
            assertThat(value(after, "kefu_outbox_pending", "crm")).hasValue(0);
            assertThat(value(after, "kefu_outbox_lag_seconds", "crm")).hasValue(0);
        });
        assertThat(CRM.accepted()).isNotEmpty().allMatch(r -> r.body().contains("\"ticket\":{\"id\":" + ticket + ","));
    }

    @Test
    void aMetricsReadTokenScrapesAndOtherTokensAndPeopleWithoutAdminAreRefused() {
        String scraper = token("prometheus", "metrics:read");
        String other = token("reporting", "tickets:read");

        ResponseEntity<String> scraped = http.exchange("/actuator/prometheus", HttpMethod.GET, bearer(scraper), String.class);
        assertThat(scraped.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(scraped.getBody()).contains("kefu_outbox_pending{destination=\"crm\"");
        assertThat(http.exchange("/actuator/prometheus", HttpMethod.GET, bearer(other), String.class).getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(http.getForEntity("/actuator/prometheus", String.class).getStatusCode())
                .isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(http.exchange("/api/sync/dead-letters", HttpMethod.GET, bearer(scraper), String.class).getStatusCode())
                .as("the scraper's token opens nothing else").isEqualTo(HttpStatus.FORBIDDEN);
    }

    private String scrapeAsAdmin() {
        ResponseEntity<String> response = http.withBasicAuth("admin", ADMIN_PASSWORD).getForEntity("/actuator/prometheus",
                String.class);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        return response.getBody();
    }

    /** The sample's value of {@code name{destination="..."}} (whatever other tags it has), if shown. */
    private static OptionalDouble value(String scrape, String name, String destination) {
        Matcher sample = Pattern.compile("(?m)^" + Pattern.quote(name) + "\\{([^}]*)} (\\S+)$").matcher(scrape);
        while (sample.find()) {
            if (sample.group(1).contains("destination=\"" + destination + "\"")) {
                return OptionalDouble.of(Double.parseDouble(sample.group(2)));
            }
        }
        return OptionalDouble.empty();
    }

    private int count(String where) {
        return jdbc.sql("SELECT COUNT(*) FROM outbox_delivery WHERE destination = 'crm' AND " + where)
                .query(Integer.class).single();
    }

    private String token(String name, String scope) {
        ResponseEntity<JsonNode> created = http.withBasicAuth("admin", ADMIN_PASSWORD).postForEntity("/api/admin/tokens",
                Map.of("name", name + "-" + System.nanoTime(), "scopes", List.of(scope), "expiresIn", "P1D"),
                JsonNode.class);
        assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        return created.getBody().get("token").asText();
    }

    private static HttpEntity<Void> bearer(String token) {
        HttpHeaders headers = new HttpHeaders();
        headers.setBearerAuth(token);
        return new HttpEntity<>(headers);
    }
}
