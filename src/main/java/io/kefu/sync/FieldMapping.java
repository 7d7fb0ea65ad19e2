package io.kefu.sync;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

/**
 * A destination's field mapping, read from its mapping file ({@code integrations/mappings/*.yaml}):
 * which field of the event JSON fills which field of what the destination receives. Configuration,
 * never code: a field is a JSON pointer into the event, optionally translated through a table of
 * values, or a constant.
 *
 * <pre>
 * fields:
 *   event_id: /eventId                 # a JSON pointer into the event
 *   ticket.status: /ticket/status      # dots nest: {"ticket": {"status": ...}}
 *   priority:                          # translated; a value not in the table gives default
 *     from: /ticket/priority
 *     values: {URGENT: 1, HIGH: 2, NORMAL: 3, LOW: 4}
 *     default: 3
 *   payload: {from: "", as: json}      # "" is the whole event; as json = its JSON text
 *   source: {value: kefu}              # a constant
 * </pre>
 *
 * A pointer that finds nothing gives {@code null} (or the default). Output names are letters,
 * digits and {@code _ -}, dot-separated; a mapping with a mistake is refused when it is loaded,
 * naming the file and the field.
 */
public final class FieldMapping {

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]{0,63}(\\.[A-Za-z_][A-Za-z0-9_-]{0,63}){0,7}");
    private static final Set<String> KEYS = Set.of("from", "values", "default", "value", "as");
    private static final ObjectMapper NODES = new ObjectMapper();

    private final String source;
    private final List<Field> fields;

    private FieldMapping(String source, List<Field> fields) {
        this.source = source;
        this.fields = List.copyOf(fields);
    }

    /** Where the mapping came from, for messages. */
    public String source() {
        return source;
    }

    /** The output names, in file order. */
    public List<String> names() {
        return fields.stream().map(Field::name).toList();
    }

    /**
     * Reads a mapping from its parsed YAML ({@code {fields: {...}}}).
     *
     * @throws InvalidMapping naming the file and the field when anything is wrong
     */
    public static FieldMapping parse(String source, Object yaml) {
        if (!(yaml instanceof Map<?, ?> root) || !(root.get("fields") instanceof Map<?, ?> entries) || entries.isEmpty()) {
            throw new InvalidMapping(source, "fields", "must be a map of output field to source (a JSON pointer such as /ticket/id)");
        }
        for (Object key : root.keySet()) {
            if (!"fields".equals(key)) {
                throw new InvalidMapping(source, String.valueOf(key), "unknown key; a mapping file has only fields");
            }
        }
        List<Field> fields = new ArrayList<>();
        for (Map.Entry<?, ?> entry : entries.entrySet()) {
            String name = String.valueOf(entry.getKey());
            if (!NAME.matcher(name).matches()) {
                throw new InvalidMapping(source, name, "is not a field name (letters, digits, _ and -, dot-separated)");
            }
            fields.add(field(source, name, entry.getValue()));
        }
        checkNesting(source, fields);
        return new FieldMapping(source, fields);
    }

    private static Field field(String source, String name, Object spec) {
        if (spec instanceof String pointer) {
            return new Field(name, pointer(source, name, pointer), null, null, null, false);
        }
        if (!(spec instanceof Map<?, ?> map)) {
            throw new InvalidMapping(source, name, "must be a JSON pointer or a map with from / value");
        }
        for (Object key : map.keySet()) {
            if (!KEYS.contains(String.valueOf(key))) {
                throw new InvalidMapping(source, name, "has unknown key " + key + "; allowed: " + KEYS);
            }
        }
        if (map.containsKey("value")) {
            if (map.size() > 1) {
                throw new InvalidMapping(source, name, "a constant (value) takes no other keys");
            }
            return new Field(name, null, null, null, constant(map.get("value")), false);
        }
        if (!(map.get("from") instanceof String from)) {
            throw new InvalidMapping(source, name, "needs from (a JSON pointer) or value (a constant)");
        }
        Object as = map.get("as");
        if (as != null && !"json".equals(as) && !"value".equals(as)) {
            throw new InvalidMapping(source, name, "as must be json or value, not " + as);
        }
        Map<String, JsonNode> table = null;
        if (map.containsKey("values")) {
            if (!(map.get("values") instanceof Map<?, ?> values) || values.isEmpty()) {
                throw new InvalidMapping(source, name, "values must be a map of event value to destination value");
            }
            table = new LinkedHashMap<>();
            for (Map.Entry<?, ?> value : values.entrySet()) {
                table.put(String.valueOf(value.getKey()), constant(value.getValue()));
            }
        }
        JsonNode fallback = map.containsKey("default") ? constant(map.get("default")) : null;
        return new Field(name, pointer(source, name, from), table, fallback, null, "json".equals(as));
    }

    private static JsonPointer pointer(String source, String name, String pointer) {
        try {
            return JsonPointer.compile(pointer);
        } catch (IllegalArgumentException e) {
            throw new InvalidMapping(source, name, "'" + pointer + "' is not a JSON pointer (it starts with /, or is \"\" for the whole event)");
        }
    }

    private static JsonNode constant(Object value) {
        return value == null ? JsonNodeFactory.instance.nullNode() : NODES.valueToTree(value);
    }

    /** {@code a} and {@code a.b} cannot both be fields: one would overwrite the other. */
    private static void checkNesting(String source, List<Field> fields) {
        Set<String> names = new HashSet<>();
        fields.forEach(f -> names.add(f.name()));
        for (Field field : fields) {
            String name = field.name();
            for (int dot = name.indexOf('.'); dot > 0; dot = name.indexOf('.', dot + 1)) {
                if (names.contains(name.substring(0, dot))) {
                    throw new InvalidMapping(source, name, "clashes with field " + name.substring(0, dot));
                }
            }
        }
    }

    /** What the destination receives for this event. */
    public ObjectNode apply(JsonNode event) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        for (Field field : fields) {
            ObjectNode parent = out;
            String[] path = field.name().split("\\.");
            for (int i = 0; i < path.length - 1; i++) {
                parent = parent.has(path[i]) ? (ObjectNode) parent.get(path[i]) : parent.putObject(path[i]);
            }
            parent.set(path[path.length - 1], field.value(event));
        }
        return out;
    }

    private record Field(String name, JsonPointer from, Map<String, JsonNode> values, JsonNode fallback,
            JsonNode constant, boolean asJson) {

        JsonNode value(JsonNode event) {
            if (constant != null) {
                return constant;
            }
            JsonNode found = event.at(from);
            if (found.isMissingNode() || found.isNull()) {
                return fallback != null ? fallback : JsonNodeFactory.instance.nullNode();
            }
            if (values != null) {
                JsonNode translated = values.get(found.isValueNode() ? found.asText() : found.toString());
                return translated != null ? translated : fallback != null ? fallback : JsonNodeFactory.instance.nullNode();
            }
            return asJson ? TextNode.valueOf(found.toString()) : found;
        }
    }

    /** A mapping file with a mistake, naming the file and the field. */
    public static final class InvalidMapping extends IllegalArgumentException {
        InvalidMapping(String source, String field, String problem) {
            super(source + ": field " + field + " " + problem);
        }
    }
}
