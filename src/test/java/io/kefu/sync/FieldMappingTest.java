package io.kefu.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A destination's mapping file: pointers, nesting, value tables, defaults, constants, JSON text, and the mistakes refused. */
class FieldMappingTest {

    private final ObjectMapper json = new ObjectMapper();

    private FieldMapping mapping(String yaml) {
        return FieldMapping.parse("mappings/test.yaml", new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml));
    }

    private JsonNode event() throws Exception {
        return json.readTree("""
                {"eventId": 42, "type": "ticket.routed", "occurredAt": "2026-12-03T08:00:00Z",
                 "ticket": {"id": 7, "status": "QUEUED", "priority": "URGENT", "queue": null, "tags": ["vip", "refund"]}}
                """);
    }

    @Test
    void fillsEveryKindOfField() throws Exception {
        FieldMapping mapping = mapping("""
                fields:
                  id: /eventId
                  ticket.number: /ticket/id
                  ticket.state: /ticket/status
                  urgency:
                    from: /ticket/priority
                    values: {URGENT: 1, HIGH: 2}
                    default: 9
                  team: {from: /ticket/queue, default: unassigned}
                  missing: /ticket/nothing
                  tags: /ticket/tags
                  tagsText: {from: /ticket/tags, as: json}
                  whole: {from: "", as: json}
                  source: {value: kefu}
                """);

        JsonNode out = mapping.apply(event());

        assertThat(out.get("id").asLong()).isEqualTo(42);
        assertThat(out.get("ticket").get("number").asLong()).isEqualTo(7);
        assertThat(out.get("ticket").get("state").asText()).isEqualTo("QUEUED");
        assertThat(out.get("urgency").asInt()).isEqualTo(1);
        assertThat(out.get("team").asText()).as("null in the event: the default").isEqualTo("unassigned");
        assertThat(out.get("missing").isNull()).isTrue();
        assertThat(out.get("tags").isArray()).isTrue();
        assertThat(out.get("tagsText").asText()).isEqualTo("[\"vip\",\"refund\"]");
        assertThat(json.readTree(out.get("whole").asText()).get("eventId").asLong()).isEqualTo(42);
        assertThat(out.get("source").asText()).isEqualTo("kefu");
        assertThat(mapping.names()).startsWith("id", "ticket.number");
    }

    @Test
    void aValueOutsideTheTableGivesTheDefaultOrNull() throws Exception {
        JsonNode event = json.readTree("{\"ticket\": {\"priority\": \"LOW\"}}");
        assertThat(mapping("fields: {p: {from: /ticket/priority, values: {URGENT: 1}, default: 4}}").apply(event).get("p").asInt())
                .isEqualTo(4);
        assertThat(mapping("fields: {p: {from: /ticket/priority, values: {URGENT: 1}}}").apply(event).get("p").isNull()).isTrue();
    }

    @Test
    void mistakesAreRefusedNamingTheFileAndTheField() {
        assertThatThrownBy(() -> mapping("columns: {a: /x}")).hasMessage("mappings/test.yaml: field fields must be a map of output field to source (a JSON pointer such as /ticket/id)");
        assertThatThrownBy(() -> mapping("fields: {a: ticket/id}")).hasMessageContaining("field a 'ticket/id' is not a JSON pointer");
        assertThatThrownBy(() -> mapping("fields: {\"a b\": /x}")).hasMessageContaining("field a b is not a field name");
        assertThatThrownBy(() -> mapping("fields: {a: {from: /x, into: y}}")).hasMessageContaining("field a has unknown key into");
        assertThatThrownBy(() -> mapping("fields: {a: {value: 1, from: /x}}")).hasMessageContaining("a constant (value) takes no other keys");
        assertThatThrownBy(() -> mapping("fields: {a: {default: 1}}")).hasMessageContaining("needs from (a JSON pointer) or value");
        assertThatThrownBy(() -> mapping("fields: {a: {from: /x, as: xml}}")).hasMessageContaining("as must be json or value");
        assertThatThrownBy(() -> mapping("fields: {a: /x, a.b: /y}")).hasMessageContaining("field a.b clashes with field a");
        assertThatThrownBy(() -> mapping("fields: {a: {from: /x, values: []}}")).hasMessageContaining("values must be a map");
    }
}
