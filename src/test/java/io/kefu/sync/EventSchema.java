package io.kefu.sync;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.AnnotationKeyword;
import com.networknt.schema.JsonMetaSchema;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

/**
 * The published event schema, {@code docs/events/kefu-events-v1.schema.json}, read from the file
 * receivers get and compiled with networknt's JSON Schema validator (draft 2020-12, formats
 * asserted). Besides the schema as published — open to fields a later release adds, as the
 * versioning policy promises receivers — it checks a closed copy, in which every object of
 * {@code $defs} allows only the fields it describes: an event Kefu sends with a field the schema
 * does not document fails there.
 */
final class EventSchema {

    static final Path FILE = Path.of("docs", "events", "kefu-events-v1.schema.json");
    /** The per-type payload version, an annotation of each event definition. */
    static final String VERSION_KEYWORD = "x-kefu-event-version";

    private final JsonNode document;
    private final JsonSchema published;
    private final JsonSchema closed;

    private EventSchema(JsonNode document) {
        this.document = document;
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
                builder -> builder.metaSchema(JsonMetaSchema.builder(JsonMetaSchema.getV202012())
                        .keyword(new AnnotationKeyword(VERSION_KEYWORD)).build()));
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
        this.published = factory.getSchema(document, config);
        this.closed = factory.getSchema(closedCopy(document), config);
    }

    static EventSchema load(ObjectMapper json) {
        try {
            return new EventSchema(json.readTree(Files.readString(FILE)));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + FILE.toAbsolutePath(), e);
        }
    }

    /** The schema file as JSON. */
    JsonNode document() {
        return document;
    }

    /** What the published schema finds wrong with {@code event}; empty when it is valid. */
    List<String> problems(JsonNode event) {
        return messages(published.validate(event));
    }

    /** What the closed copy finds wrong: also every field the schema does not describe. */
    List<String> undocumented(JsonNode event) {
        return messages(closed.validate(event));
    }

    private static List<String> messages(java.util.Set<ValidationMessage> found) {
        return found.stream().map(ValidationMessage::getMessage).sorted().toList();
    }

    private static JsonNode closedCopy(JsonNode document) {
        JsonNode copy = document.deepCopy();
        copy.get("$defs").forEach(EventSchema::close);
        return copy;
    }

    private static void close(JsonNode node) {
        if (node instanceof ObjectNode object) {
            if (object.has("properties")) {
                object.put("additionalProperties", false);
            }
            object.forEach(EventSchema::close);
        } else if (node.isArray()) {
            node.forEach(EventSchema::close);
        }
    }
}
