package io.kefu.sync;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import org.junit.jupiter.api.Test;

import io.kefu.conversation.Direction;
import io.kefu.customer.CustomerTier;
import io.kefu.ticket.Channel;
import io.kefu.ticket.Priority;
import io.kefu.ticket.TicketStatus;
import io.kefu.ticket.Topic;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The published event schema against the code: every {@link OutboxEventType} is described — its
 * name in the {@code type} enum, a definition chosen by {@code oneOf}, the payload version the
 * outbox stores — and nothing else is; the enums it lists are the Java enums; the file is a valid
 * draft 2020-12 schema; and it refuses bodies that break it. The events Kefu really writes are
 * checked against it by {@link EventSchemaJourneyTest}.
 */
class EventSchemaTest {

    static final ObjectMapper JSON = JsonMapper.builder().addModule(new JavaTimeModule()).build();
    final EventSchema schema = EventSchema.load(JSON);

    @Test
    void everyOutboxEventTypeIsDescribedAtTheVersionTheOutboxStores() {
        JsonNode document = schema.document();
        List<String> names = Arrays.stream(OutboxEventType.values()).map(OutboxEventType::typeName).toList();

        assertThat(texts(document.at("/properties/type/enum"))).containsExactlyInAnyOrderElementsOf(names);
        assertThat(texts(document.get("oneOf"), "$ref")).containsExactlyInAnyOrderElementsOf(
                names.stream().map(n -> "#/$defs/" + n).toList());
        for (OutboxEventType type : OutboxEventType.values()) {
            JsonNode definition = document.get("$defs").get(type.typeName());
            assertThat(definition).as(type.typeName()).isNotNull();
            assertThat(definition.at("/properties/type/const").asText()).isEqualTo(type.typeName());
            assertThat(definition.get(EventSchema.VERSION_KEYWORD).asInt()).as(type.typeName() + " version")
                    .isEqualTo(type.version());
            assertThat(definition.get("description").asText()).as(type.typeName() + " is explained").hasSizeGreaterThan(40);
            List<String> parts = type.aggregateType().equals(OutboxEventType.CUSTOMER) ? List.of("customer")
                    : type.payloadIsTicket() ? List.of("ticket")
                    : type == OutboxEventType.NOTE_ADDED ? List.of("ticket", "note") : List.of("ticket", "message");
            List<String> required = new ArrayList<>(List.of("eventId", "type", "occurredAt"));
            required.addAll(parts);
            assertThat(texts(definition.get("required"))).as(type.typeName() + " body").containsExactlyElementsOf(required);
        }
    }

    @Test
    void theEnumsTheSchemaListsAreTheJavaEnums() {
        JsonNode defs = schema.document().get("$defs");
        assertThat(texts(defs.at("/Ticket/properties/status/enum"))).containsExactly(names(TicketStatus.values()));
        assertThat(texts(defs.at("/Ticket/properties/priority/enum"))).containsExactly(names(Priority.values()));
        assertThat(texts(defs.at("/Ticket/properties/topic/enum"))).containsExactly(names(Topic.values()));
        assertThat(texts(defs.at("/Ticket/properties/channel/enum"))).containsExactly(names(Channel.values()));
        assertThat(texts(defs.at("/Message/properties/channel/enum"))).containsExactly(names(Channel.values()));
        assertThat(texts(defs.at("/Ticket/properties/customerTier/enum"))).containsExactly(names(CustomerTier.values()));
        assertThat(texts(defs.at("/Customer/properties/tier/enum"))).containsExactly(names(CustomerTier.values()));
        assertThat(texts(defs.at("/Message/properties/direction/enum"))).containsExactly(names(Direction.values()));
    }

    @Test
    void theFileIsAValidDraft2020_12Schema() {
        var metaSchema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                .getSchema(SchemaLocation.of("https://json-schema.org/draft/2020-12/schema"));

        assertThat(metaSchema.validate(schema.document())).isEmpty();
        assertThat(schema.document().get("$schema").asText()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
    }

    @Test
    void aWellFormedBodyPassesAndEachBreakageIsFound() throws Exception {
        ObjectNode good = (ObjectNode) JSON.readTree("""
                {"eventId": 12, "type": "message.received", "occurredAt": "2026-12-02T08:00:00.123Z",
                 "ticket": {"id": 7, "status": "QUEUED", "priority": "HIGH", "channel": "WEB", "customerId": 3,
                            "customerExternalId": "c-1", "customerTier": "VIP", "conversationId": 5, "reopenCount": 0,
                            "createdAt": "2026-12-02T07:59:00Z", "updatedAt": "2026-12-02T08:00:00.123Z",
                            "requiredSkills": [], "sla": {"warnings": [], "breaches": []}},
                 "message": {"id": 40, "conversationId": 5, "direction": "INBOUND", "author": "c-1", "channel": "WEB",
                             "text": "Hello", "createdAt": "2026-12-02T08:00:00.123Z",
                             "attachments": [{"id": 2, "name": "error.txt", "contentType": "text/plain", "size": 31}]}}
                """);
        assertThat(schema.problems(good)).isEmpty();
        assertThat(schema.undocumented(good)).isEmpty();

        assertThat(schema.problems(without(good, "message"))).as("a message event without its message").isNotEmpty();
        assertThat(schema.problems(with(good, "/type", "message.deleted"))).as("an unknown type").isNotEmpty();
        assertThat(schema.problems(with(good, "/message/direction", "in"))).isNotEmpty();
        assertThat(schema.problems(with(good, "/occurredAt", "yesterday"))).as("a time that is no date-time").isNotEmpty();
        assertThat(schema.problems(with(good, "/type", "customer.changed"))).as("the parts of another type").isNotEmpty();
        ObjectNode extra = good.deepCopy();
        ((ObjectNode) extra.get("message")).put("sentiment", "NEUTRAL");
        assertThat(schema.problems(extra)).as("published: open to fields added later").isEmpty();
        assertThat(schema.undocumented(extra)).as("closed: names the field nobody documented").isNotEmpty()
                .anyMatch(m -> m.contains("sentiment"));
    }

    private static ObjectNode without(ObjectNode event, String field) {
        ObjectNode copy = event.deepCopy();
        copy.remove(field);
        return copy;
    }

    private static ObjectNode with(ObjectNode event, String pointer, String value) {
        ObjectNode copy = event.deepCopy();
        int slash = pointer.lastIndexOf('/');
        ((ObjectNode) copy.at(pointer.substring(0, slash))).put(pointer.substring(slash + 1), value);
        return copy;
    }

    private static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }

    private static List<String> texts(JsonNode array, String field) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.get(field).asText()));
        return values;
    }

    private static String[] names(Enum<?>[] values) {
        return Arrays.stream(values).map(Enum::name).toArray(String[]::new);
    }
}
