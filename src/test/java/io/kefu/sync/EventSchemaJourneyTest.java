package io.kefu.sync;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.LinkedMultiValueMap;

import io.kefu.customer.CustomerService;
import io.kefu.customer.CustomerTier;
import io.kefu.testing.H2Database;
import io.kefu.ticket.TicketService;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every outbox event Kefu writes, of every {@link OutboxEventType}, checked against the published
 * schema {@code docs/events/kefu-events-v1.schema.json} as a destination receives it: the ERP drop
 * folder's files, written by the real relay and route. The events come from journeys through the
 * public API — customers registered, messages posted (one with a file), an agent claiming,
 * replying, writing notes, changing the priority, giving back, transferring and resolving, the
 * customer reopening, the bot answering from the knowledge base, a ticket abandoned, one merged,
 * resolved tickets closing by their timer, the bot soothing a waiting customer — and from the
 * services behind the inbound webhook, the pre-chat form and the SLA watch (the application's clock
 * moved past a VIP's first-response target). Each body must pass the schema as published and the
 * closed copy that refuses any field the schema does not describe.
 */
@H2Database("event-schema")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(EventSchemaJourneyTest.Clocks.class)
class EventSchemaJourneyTest {

    static final Path ERP = tempFolder();

    /** The application's clock: the real time plus a shift the test moves forward (the SLA targets). */
    @TestConfiguration(proxyBeanMethods = false)
    static class Clocks {

        @Bean
        @Primary
        ShiftedClock shiftedClock() {
            return new ShiftedClock();
        }
    }

    /** System time plus a shift; thread-safe. */
    static final class ShiftedClock extends Clock {
        private volatile Duration shift = Duration.ZERO;

        void forward(Duration by) {
            shift = shift.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.now().plus(shift);
        }
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("kefu.sync.erp.drop-folder", ERP::toString);
        registry.add("kefu.sync.relay.poll-interval", () -> "PT0.1S");
        registry.add("kefu.lifecycle.soothe.after", () -> "PT1S");
        registry.add("kefu.lifecycle.auto-close-after", () -> "PT3S");
        registry.add("kefu.sla.watch.enabled", () -> "false");
        registry.add("camunda.bpm.job-execution.wait-time-in-millis", () -> "100");
        registry.add("camunda.bpm.job-execution.max-wait", () -> "500");
    }

    @Autowired
    TestRestTemplate http;
    @Autowired
    ObjectMapper json;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    CustomerService customers;
    @Autowired
    TicketService tickets;
    @Autowired
    ShiftedClock clock;

    private final String run = Long.toString(System.nanoTime(), 36);

    @Test
    void everyEventOfEveryTypeADestinationReceivesMatchesThePublishedSchema() {
        TestRestTemplate api = http.withBasicAuth("demo", "demo");
        agentJourney(api);
        botJourney(api);
        abandonedAndMerged(api);

        // Every event written has reached the ERP: as many files as events, none pending.
        await().atMost(Duration.ofSeconds(60)).until(() -> jdbc.sql(
                "SELECT COUNT(*) FROM outbox_delivery WHERE destination = 'erp' AND status <> 'DELIVERED'")
                .query(Integer.class).single() == 0
                && erpFiles().size() == jdbc.sql("SELECT COUNT(*) FROM outbox_event").query(Integer.class).single());
        Map<Path, JsonNode> files = erpFiles();
        EventSchema schema = EventSchema.load(json);
        Map<String, List<String>> problems = new LinkedHashMap<>();
        TreeSet<String> types = new TreeSet<>();
        files.forEach((file, event) -> {
            types.add(event.path("type").asText());
            List<String> found = new ArrayList<>(schema.problems(event));
            found.addAll(schema.undocumented(event));
            if (!found.isEmpty()) {
                problems.put(file.getFileName() + " " + event, found);
            }
        });

        assertThat(problems).as("events that break the schema").isEmpty();
        assertThat(types).as("every type was written and checked")
                .containsExactlyInAnyOrderElementsOf(Arrays.stream(OutboxEventType.values())
                        .map(OutboxEventType::typeName).toList());
        assertThat(files.values()).as("a file's attachment is described")
                .anyMatch(e -> e.at("/message/attachments/0/contentType").asText().equals("text/plain"));
        assertThat(files.entrySet()).as("customer events are files of their own aggregate")
                .filteredOn(e -> e.getValue().path("type").asText().equals("customer.changed"))
                .allMatch(e -> e.getKey().getFileName().toString()
                        .startsWith("customer-" + e.getValue().at("/customer/id").asLong() + "-event-"));
    }

    /**
     * A VIP's ticket: opened, routed, soothed, past its first-response warning and breach, claimed,
     * answered, noted, re-prioritised, given back, transferred with a note, resolved, reopened with a
     * file, resolved again and closed by its timer.
     */
    private void agentJourney(TestRestTemplate api) {
        String vip = "schema-vip-" + run;
        assertThat(api.postForEntity("/api/customers", Map.of("externalId", vip, "name", "王芳", "tier", "STANDARD"),
                JsonNode.class).getStatusCode()).isEqualTo(HttpStatus.CREATED);
        // As the inbound customer.tier_changed event and the pre-chat form change the customer.
        customers.changeTier(vip, CustomerTier.VIP);
        customers.updateContact(customers.findByExternalId(vip).orElseThrow().id(), null, "wang.fang@example.com");

        long ticket = post(api, vip, "The app crashes with an error every time I log in");
        awaitStatus(api, ticket, "QUEUED");
        await().atMost(Duration.ofSeconds(30)).until(() -> written(ticket, "ticket.customer_soothed"));
        // VIP, HIGH, web: the first response is due in 15 minutes, warned at 75 %.
        clock.forward(Duration.ofMinutes(12));
        tickets.checkSla(ticket);
        clock.forward(Duration.ofMinutes(4));
        tickets.checkSla(ticket);
        assertThat(written(ticket, "ticket.sla_warning") && written(ticket, "ticket.sla_breached")).isTrue();

        ok(api.postForEntity("/api/tickets/" + ticket + "/claim", null, JsonNode.class));
        ok(api.postForEntity("/api/tickets/" + ticket + "/replies", Map.of("text", "请更新到 2.3 版本后再试"), JsonNode.class));
        ok(api.postForEntity("/api/tickets/" + ticket + "/notes", Map.of("text", "Known crash in 2.2, fixed in 2.3"),
                JsonNode.class));
        ok(api.postForEntity("/api/tickets/" + ticket + "/priority", Map.of("priority", "URGENT"), JsonNode.class));
        ok(api.postForEntity("/api/tickets/" + ticket + "/unclaim", null, JsonNode.class));
        ok(api.postForEntity("/api/tickets/" + ticket + "/transfer",
                Map.of("queue", "general_support", "note", "Billing asked for the crash report"), JsonNode.class));
        ok(api.postForEntity("/api/tickets/" + ticket + "/resolve", null, JsonNode.class));

        long again = postFile(api, vip, "crash-log.txt", "Still crashing: error 0x80070005 at login\n");
        assertThat(again).as("the resolved ticket is reopened").isEqualTo(ticket);
        await().atMost(Duration.ofSeconds(30)).until(() -> written(ticket, "ticket.reopened"));
        awaitStatus(api, ticket, "QUEUED");
        ok(api.postForEntity("/api/tickets/" + ticket + "/resolve", null, JsonNode.class));
        await().atMost(Duration.ofSeconds(30)).until(() -> written(ticket, "ticket.closed"));
    }

    /** The bot answers from the knowledge base and the customer's "yes" resolves the ticket. */
    private void botJourney(TestRestTemplate api) {
        publishArticle(api, "How to reset your password", "Open **Settings → Security**, choose *Reset password* and "
                + "follow the link we e-mail you. The link works for 24 hours.", List.of("account", "password"));
        publishArticle(api, "Changing your delivery address", "Before the order ships, edit the address under My orders.",
                List.of());
        publishArticle(api, "Getting an invoice", "Open the order and choose Request invoice; we e-mail a PDF.", List.of());
        publishArticle(api, "Membership points", "Every dollar spent earns one point; points pay for later orders.",
                List.of());
        String customer = "schema-self-" + run;
        api.postForEntity("/api/customers", Map.of("externalId", customer, "name", "Amy", "tier", "STANDARD"),
                JsonNode.class);
        long ticket = post(api, customer, "How do I reset my password?");
        awaitStatus(api, ticket, "BOT_ANSWERED");
        post(api, customer, "Yes, thanks!");
        awaitStatus(api, ticket, "RESOLVED");
        await().atMost(Duration.ofSeconds(30)).until(() -> written(ticket, "ticket.closed"));
    }

    /** A waiting customer leaves; another waiting ticket is merged into a third. */
    private void abandonedAndMerged(TestRestTemplate api) {
        long[] waiting = new long[3];
        for (int i = 0; i < waiting.length; i++) {
            String customer = "schema-wait-" + i + "-" + run;
            api.postForEntity("/api/customers", Map.of("externalId", customer, "name", "Li " + i, "tier", "STANDARD"),
                    JsonNode.class);
            waiting[i] = post(api, customer, "请帮我开一张上个月的发票");
        }
        for (long ticket : waiting) {
            awaitStatus(api, ticket, "QUEUED");
        }
        ok(api.postForEntity("/api/tickets/" + waiting[0] + "/abandon", null, JsonNode.class));
        ok(api.postForEntity("/api/tickets/" + waiting[1] + "/merge", Map.of("intoTicketId", waiting[2]), JsonNode.class));
    }

    private long post(TestRestTemplate api, String customer, String text) {
        ResponseEntity<JsonNode> posted = api.postForEntity("/api/messages",
                Map.of("channel", "web", "customerExternalId", customer, "text", text), JsonNode.class);
        assertThat(posted.getStatusCode().is2xxSuccessful()).as("POST /api/messages: %s", posted.getBody()).isTrue();
        return posted.getBody().get("ticketId").asLong();
    }

    private long postFile(TestRestTemplate api, String customer, String fileName, String content) {
        LinkedMultiValueMap<String, Object> form = new LinkedMultiValueMap<>();
        form.add("channel", "web");
        form.add("customerExternalId", customer);
        form.add("file", new ByteArrayResource(content.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
            @Override
            public String getFilename() {
                return fileName;
            }
        });
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.MULTIPART_FORM_DATA);
        ResponseEntity<JsonNode> posted = api.postForEntity("/api/messages", new HttpEntity<>(form, headers),
                JsonNode.class);
        assertThat(posted.getStatusCode().is2xxSuccessful()).as("POST /api/messages with a file: %s", posted.getBody())
                .isTrue();
        return posted.getBody().get("ticketId").asLong();
    }

    private void publishArticle(TestRestTemplate api, String title, String body, List<String> tags) {
        ResponseEntity<JsonNode> created = api.postForEntity("/api/knowledge/articles",
                Map.of("language", "en", "title", title, "body", body, "tags", tags), JsonNode.class);
        assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        ok(api.postForEntity("/api/knowledge/articles/" + created.getBody().get("id").asLong() + "/publish", null,
                JsonNode.class));
    }

    private static void ok(ResponseEntity<JsonNode> answer) {
        assertThat(answer.getStatusCode().is2xxSuccessful()).as("answer %s", answer.getBody()).isTrue();
    }

    private void awaitStatus(TestRestTemplate api, long ticket, String status) {
        await().atMost(Duration.ofSeconds(30)).until(() -> status.equals(
                api.getForObject("/api/tickets/" + ticket, JsonNode.class).path("status").asText()));
    }

    private boolean written(long ticket, String type) {
        return jdbc.sql("""
                SELECT COUNT(*) FROM outbox_event WHERE aggregate_type = 'ticket' AND aggregate_id = ? AND event_type = ?
                """).params(ticket, type).query(Integer.class).single() > 0;
    }

    private Map<Path, JsonNode> erpFiles() {
        Map<Path, JsonNode> events = new LinkedHashMap<>();
        try (Stream<Path> files = Files.list(ERP)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".json")).sorted().toList()) {
                events.put(file, json.readTree(Files.readString(file)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return events;
    }

    private static Path tempFolder() {
        try {
            return Files.createTempDirectory("kefu-event-schema-erp");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
