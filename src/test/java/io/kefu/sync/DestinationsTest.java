package io.kefu.sync;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.mock.env.MockEnvironment;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import io.kefu.config.KefuHome;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code integrations/destinations.yaml} as integrators write it: the shipped file with nothing set
 * (only the ERP drop folder on), the CRM switched on by its URL as before, placeholders, event
 * filters, and every mistake refused with the destination and the field named.
 */
class DestinationsTest {

    @TempDir
    Path home;

    private List<OutboxDestination> parse(String yaml, MockEnvironment environment) throws Exception {
        Files.createDirectories(home.resolve("integrations/mappings"));
        Files.writeString(home.resolve("integrations/mappings/rows.yaml"), """
                fields:
                  event_id: /eventId
                  status: /ticket/status
                """);
        return Destinations.parse(new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml),
                environment::resolveRequiredPlaceholders, new KefuHome(home.toString()));
    }

    @Test
    void theShippedFileWithNothingSetHasOnlyTheErpDropFolderOn() {
        Destinations shipped = new Destinations(new KefuHome("."), new MockEnvironment());

        assertThat(shipped.all()).extracting(OutboxDestination::name)
                .containsExactly("crm", "erp", "rabbitmq", "erp-staging", "intercom");
        assertThat(shipped.enabled()).extracting(OutboxDestination::name).containsExactly("erp");
        OutboxDestination erp = shipped.named("erp").orElseThrow();
        assertThat(erp.kind()).isEqualTo(OutboxDestination.Kind.FILE);
        assertThat(erp.endpoint()).isEqualTo("./data/erp-outbox");
        OutboxDestination staging = shipped.named("erp-staging").orElseThrow();
        assertThat(staging.mapping().names()).contains("event_id", "ticket_id", "payload");
        assertThat(staging.takes("ticket.routed")).isTrue();
        assertThat(staging.takes("message.sent")).isFalse();
    }

    @Test
    void theCrmUrlAndSecretSwitchOnTheSignedWebhookAsBefore() {
        MockEnvironment environment = new MockEnvironment().withProperty("kefu.sync.crm.url", "http://127.0.0.1:9/crm")
                .withProperty("kefu.sync.crm.secret", "s3cret").withProperty("kefu.sync.erp.enabled", "false")
                .withProperty("kefu.sync.crm.response-timeout", "700");
        Destinations configured = new Destinations(new KefuHome("."), environment);

        assertThat(configured.enabled()).extracting(OutboxDestination::name).containsExactly("crm");
        OutboxDestination crm = configured.named("crm").orElseThrow();
        assertThat(crm.kind()).isEqualTo(OutboxDestination.Kind.WEBHOOK);
        assertThat(crm.secret()).isEqualTo("s3cret");
        assertThat(crm.responseTimeout().toMillis()).isEqualTo(700);
        assertThat(crm.connectTimeout().toMillis()).isEqualTo(5000);
        assertThat(crm.startFrom()).isEqualTo("now");
        assertThat(crm.events()).containsExactly("*");
        assertThat(new Destinations(new KefuHome("."), new MockEnvironment().withProperty("kefu.sync.crm.url", "http://x")
                .withProperty("kefu.sync.crm.events", "ticket.*, message.sent")).named("crm").orElseThrow().events())
                .as("a comma-separated placeholder").containsExactly("ticket.*", "message.sent");
        assertThat(crm.toString()).doesNotContain("s3cret");
    }

    @Test
    void placeholdersEventFiltersAndStartFromAreRead() throws Exception {
        List<OutboxDestination> destinations = parse("""
                destinations:
                  - name: billing-hook
                    kind: webhook
                    endpoint: ${BILLING_URL:}
                    events: ["ticket.*", "message.sent"]
                    start-from: "2026-11-01T00:00:00Z"
                  - name: staging
                    kind: jdbc
                    endpoint: jdbc:h2:mem:x
                    table: erp.kefu_rows
                    mapping: mappings/rows.yaml
                    enabled: ${STAGING_ON:false}
                """, new MockEnvironment().withProperty("BILLING_URL", "https://billing.test/hook"));

        OutboxDestination hook = destinations.get(0);
        assertThat(hook.enabled()).isTrue();
        assertThat(hook.endpoint()).isEqualTo("https://billing.test/hook");
        assertThat(hook.takes("ticket.routed")).isTrue();
        assertThat(hook.takes("ticket.sla_breached")).isTrue();
        assertThat(hook.takes("message.sent")).isTrue();
        assertThat(hook.takes("message.received")).isFalse();
        assertThat(hook.takes("customer.changed")).isFalse();
        assertThat(hook.startFrom()).isEqualTo("2026-11-01T00:00:00Z");
        OutboxDestination staging = destinations.get(1);
        assertThat(staging.enabled()).as("enabled: false").isFalse();
        assertThat(staging.table()).isEqualTo("erp.kefu_rows");
        assertThat(staging.mapping().apply(new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree("{\"eventId\": 5, \"ticket\": {\"status\": \"QUEUED\"}}")).toString())
                .isEqualTo("{\"event_id\":5,\"status\":\"QUEUED\"}");
    }

    @Test
    void mistakesAreRefusedNamingTheDestinationAndTheField() {
        Map<String, String> cases = Map.ofEntries(
                Map.entry("destinations: {}", "destinations must be a list"),
                Map.entry("destinations:\n  - {name: Bad_Name, kind: webhook, endpoint: http://x}", "name must be"),
                Map.entry("destinations:\n  - {name: a, kind: ftp, endpoint: x}", "a kind must be one of webhook, file, rabbitmq, jdbc, intercom, not ftp"),
                Map.entry("destinations:\n  - {name: a, kind: webhook, endpoint: http://x, color: red}", "color is not a destination setting"),
                Map.entry("destinations:\n  - {name: a, kind: webhook, endpoint: http://x}\n  - {name: a, kind: file, endpoint: /tmp}", "a name is given twice"),
                Map.entry("destinations:\n  - {name: a, kind: webhook, endpoint: http://x, events: [\"ticket routed\"]}", "a events 'ticket routed' is not an event type"),
                Map.entry("destinations:\n  - {name: a, kind: webhook, endpoint: http://x, enabled: yes please}", "a enabled must be true or false"),
                Map.entry("destinations:\n  - {name: a, kind: webhook, endpoint: http://x, start-from: yesterday}", "a start-from must be now, an event id or an ISO-8601 instant"),
                Map.entry("destinations:\n  - {name: a, kind: webhook, endpoint: http://x, response-timeout: soon}", "a response-timeout must be a number of milliseconds"),
                Map.entry("destinations:\n  - {name: a, kind: webhook, endpoint: http://x, mapping: ../../etc/passwd.yaml}", "a mapping must be a .yaml file inside integrations/"),
                Map.entry("destinations:\n  - {name: a, kind: webhook, endpoint: http://x, mapping: mappings/none.yaml}", "a mapping integrations/mappings/none.yaml does not exist"),
                Map.entry("destinations:\n  - {name: a, kind: jdbc, endpoint: jdbc:h2:mem:x, mapping: mappings/rows.yaml}", "a table must name the staging table"),
                Map.entry("destinations:\n  - {name: a, kind: jdbc, endpoint: jdbc:h2:mem:x, table: \"t; DROP TABLE x\", mapping: mappings/rows.yaml}", "a table must name the staging table"),
                Map.entry("destinations:\n  - {name: a, kind: jdbc, endpoint: jdbc:h2:mem:x, table: t}", "a mapping a jdbc destination needs a mapping file with the column event_id"),
                Map.entry("destinations:\n  - {name: a, kind: rabbitmq, endpoint: amqp://x}\n  - {name: b, kind: rabbitmq, endpoint: amqp://y}", "rabbitmq may be switched on once"),
                Map.entry("destinations:\n  - {name: a, kind: rabbitmq, endpoint: amqp://elsewhere}", "a endpoint must be ${kefu.sync.rabbitmq.url}"),
                Map.entry("destinations:\n  - {name: a, kind: webhook, endpoint: \"${NOT_SET}\"}", "Could not resolve placeholder 'NOT_SET'"));
        cases.forEach((yaml, message) -> assertThatThrownBy(() -> parse(yaml, new MockEnvironment()))
                .as(yaml).isInstanceOf(IllegalStateException.class).hasMessageContaining(message)
                .hasMessageStartingWith("integrations/destinations.yaml: "));
    }
}
