package io.kefu.sync;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.core.io.Resource;
import org.springframework.stereotype.Component;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import io.kefu.config.KefuHome;

/**
 * The outbox's destinations, read once at start from {@code integrations/destinations.yaml}
 * (docs/INTEGRATIONS.md, "Destinations"). Each entry names a destination, its kind, endpoint,
 * credentials, the event types it takes and optionally a mapping file; {@code ${...}} in values are
 * resolved from the environment and the application's settings (so {@code KEFU_CRM_URL} still
 * switches the CRM on). A destination whose endpoint resolves to nothing, or with
 * {@code enabled: false}, is off: no deliveries are written for it. A file with a mistake stops the
 * start with a message naming the destination and the field.
 */
@Component
public class Destinations {

    static final String FILE = "destinations.yaml";
    private static final Pattern EVENT_PATTERN = Pattern.compile("\\*|[a-z_]+(\\.[a-z_]+)*(\\.\\*)?");
    private static final Pattern TABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,63}(\\.[A-Za-z_][A-Za-z0-9_]{0,63})?");
    private static final Set<String> KEYS = Set.of("name", "kind", "enabled", "endpoint", "secret", "username", "password",
            "table", "events", "mapping", "connect-timeout", "response-timeout", "start-from");

    private final List<OutboxDestination> all;
    private final Map<String, OutboxDestination> byName = new LinkedHashMap<>();

    @Autowired
    Destinations(KefuHome home, Environment environment) {
        this(read(home, environment));
    }

    /** Destinations given as they are (tests). */
    Destinations(List<OutboxDestination> destinations) {
        this.all = List.copyOf(destinations);
        all.forEach(d -> byName.put(d.name(), d));
    }

    /** Every configured destination, on or off, in file order. */
    public List<OutboxDestination> all() {
        return all;
    }

    /** The destinations switched on, in file order. */
    public List<OutboxDestination> enabled() {
        return all.stream().filter(OutboxDestination::enabled).toList();
    }

    /** A configured destination by name. */
    public Optional<OutboxDestination> named(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** The names of all configured destinations, for messages. */
    public List<String> names() {
        return List.copyOf(byName.keySet());
    }

    private static List<OutboxDestination> read(KefuHome home, Environment environment) {
        List<Resource> files = home.files("integrations", FILE);
        if (files.isEmpty()) {
            throw new IllegalStateException("integrations/" + FILE + " is missing: it lists where ticket events go");
        }
        Resource file = files.get(0);
        try (InputStream in = file.getInputStream()) {
            Object yaml = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
            return parse(yaml, environment::resolveRequiredPlaceholders, home);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read " + KefuHome.describe(file), e);
        }
    }

    /** Resolves {@code ${...}} in a value. */
    interface Placeholders {
        String resolve(String text);
    }

    static List<OutboxDestination> parse(Object yaml, Placeholders placeholders, KefuHome home) {
        if (!(yaml instanceof Map<?, ?> root) || !(root.get("destinations") instanceof List<?> entries)) {
            throw new InvalidDestination(FILE, "destinations", "must be a list of destinations");
        }
        List<OutboxDestination> destinations = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < entries.size(); i++) {
            if (!(entries.get(i) instanceof Map<?, ?> entry)) {
                throw new InvalidDestination("destinations[" + i + "]", "", "must be a map");
            }
            OutboxDestination destination = destination(i, entry, placeholders, home);
            if (!names.add(destination.name())) {
                throw new InvalidDestination(destination.name(), "name", "is given twice");
            }
            destinations.add(destination);
        }
        List<OutboxDestination> rabbit = destinations.stream()
                .filter(d -> d.enabled() && d.kind() == OutboxDestination.Kind.RABBITMQ).toList();
        if (rabbit.size() > 1) {
            throw new InvalidDestination("destinations", "kind", "rabbitmq may be switched on once (one broker connection, kefu.sync.rabbitmq.url)");
        }
        List<OutboxDestination> intercom = destinations.stream()
                .filter(d -> d.enabled() && d.kind() == OutboxDestination.Kind.INTERCOM).toList();
        if (intercom.size() > 1) {
            throw new InvalidDestination("destinations", "kind", "intercom may be switched on once (kefu.sync.intercom.*)");
        }
        if (intercom.size() == 1 && !intercom.get(0).secret().equals(placeholders.resolve("${kefu.sync.intercom.token:}"))) {
            // The route and IntercomTickets are made from kefu.sync.intercom.*.
            throw new InvalidDestination(intercom.get(0).name(), "secret", "must be ${kefu.sync.intercom.token} (set KEFU_INTERCOM_TOKEN)");
        }
        String broker = placeholders.resolve("${kefu.sync.rabbitmq.url:}");
        if (rabbit.size() == 1 && !rabbit.get(0).endpoint().equals(broker)) {
            // The connection (spring.rabbitmq.addresses) and the route are made from kefu.sync.rabbitmq.url.
            throw new InvalidDestination(rabbit.get(0).name(), "endpoint", "must be ${kefu.sync.rabbitmq.url} (set KEFU_RABBITMQ_URL)");
        }
        return destinations;
    }

    private static OutboxDestination destination(int index, Map<?, ?> entry, Placeholders placeholders, KefuHome home) {
        String where = "destinations[" + index + "]";
        for (Object key : entry.keySet()) {
            if (!KEYS.contains(String.valueOf(key))) {
                throw new InvalidDestination(where, String.valueOf(key), "is not a destination setting; known: " + KEYS);
            }
        }
        String name = text(entry, "name", placeholders);
        if (name == null || !OutboxDestination.NAME.matcher(name).matches()) {
            throw new InvalidDestination(where, "name", "must be 1-32 of a-z 0-9 -, starting with a letter");
        }
        String kindText = text(entry, "kind", placeholders);
        OutboxDestination.Kind kind;
        try {
            kind = OutboxDestination.Kind.valueOf(kindText == null ? "" : kindText.toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidDestination(name, "kind", "must be one of webhook, file, rabbitmq, jdbc, intercom, not " + kindText);
        }
        String enabledText = text(entry, "enabled", placeholders);
        if (enabledText != null && !enabledText.equals("true") && !enabledText.equals("false")) {
            throw new InvalidDestination(name, "enabled", "must be true or false, not " + enabledText);
        }
        String endpoint = blankToNull(text(entry, "endpoint", placeholders));
        String secret = blankToNull(text(entry, "secret", placeholders));
        // Intercom is on once its access token is set (its URL has a default).
        boolean enabled = !"false".equals(enabledText) && endpoint != null
                && (kind != OutboxDestination.Kind.INTERCOM || secret != null);
        Object eventsValue = entry.get("events");
        if (eventsValue instanceof String text) {
            // One placeholder such as ${KEFU_CRM_EVENTS:*}: comma-separated patterns.
            eventsValue = java.util.Arrays.stream(placeholders.resolve(text).split(",")).map(String::strip)
                    .filter(p -> !p.isEmpty()).toList();
        }
        List<String> events = events(name, eventsValue);
        FieldMapping mapping = mapping(name, text(entry, "mapping", placeholders), home);
        String table = blankToNull(text(entry, "table", placeholders));
        if (kind == OutboxDestination.Kind.JDBC) {
            if (table == null || !TABLE.matcher(table).matches()) {
                throw new InvalidDestination(name, "table", "must name the staging table (schema.table or table)");
            }
            if (mapping == null || !mapping.names().contains(JdbcStaging.KEY_COLUMN)) {
                throw new InvalidDestination(name, "mapping", "a jdbc destination needs a mapping file with the column "
                        + JdbcStaging.KEY_COLUMN + " (its rows are upserted by event id)");
            }
            for (String column : mapping.names()) {
                if (column.contains(".") || column.contains("-")) {
                    throw new InvalidDestination(name, "mapping", "column " + column + " is not a column name");
                }
            }
        }
        String startFrom = Optional.ofNullable(blankToNull(text(entry, "start-from", placeholders))).orElse("now");
        checkStartFrom(name, startFrom);
        if (kind == OutboxDestination.Kind.INTERCOM && mapping != null) {
            throw new InvalidDestination(name, "mapping", "is not used by an intercom destination: its mapping is integrations/mappings/intercom.yaml");
        }
        return new OutboxDestination(name, kind, enabled, endpoint, secret,
                blankToNull(text(entry, "username", placeholders)), text(entry, "password", placeholders), table, events,
                mapping, millis(name, "connect-timeout", text(entry, "connect-timeout", placeholders), 5000),
                millis(name, "response-timeout", text(entry, "response-timeout", placeholders), 10000), startFrom);
    }

    private static List<String> events(String name, Object value) {
        if (value == null) {
            return List.of("*");
        }
        if (!(value instanceof List<?> list) || list.isEmpty()) {
            throw new InvalidDestination(name, "events", "must be a list of event types or patterns such as ticket.*");
        }
        List<String> events = new ArrayList<>();
        for (Object item : list) {
            String pattern = String.valueOf(item);
            if (!EVENT_PATTERN.matcher(pattern).matches()) {
                throw new InvalidDestination(name, "events", "'" + pattern + "' is not an event type or pattern (ticket.routed, ticket.*, *)");
            }
            events.add(pattern);
        }
        return List.copyOf(events);
    }

    private static FieldMapping mapping(String name, String file, KefuHome home) {
        if (file == null || file.isBlank()) {
            return null;
        }
        if (file.contains("..") || file.startsWith("/") || !file.endsWith(".yaml")) {
            throw new InvalidDestination(name, "mapping", "must be a .yaml file inside integrations/, such as mappings/" + name + ".yaml");
        }
        List<Resource> found = home.files("integrations", file);
        if (found.isEmpty()) {
            throw new InvalidDestination(name, "mapping", "integrations/" + file + " does not exist");
        }
        try (InputStream in = found.get(0).getInputStream()) {
            return FieldMapping.parse("integrations/" + file, new Yaml(new SafeConstructor(new LoaderOptions())).load(in));
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read integrations/" + file, e);
        }
    }

    private static void checkStartFrom(String name, String startFrom) {
        if (startFrom.equals("now") || startFrom.matches("[1-9][0-9]{0,18}")) {
            return;
        }
        try {
            Instant.parse(startFrom);
        } catch (DateTimeParseException e) {
            throw new InvalidDestination(name, "start-from", "must be now, an event id or an ISO-8601 instant, not " + startFrom);
        }
    }

    private static Duration millis(String name, String field, String value, long fallback) {
        if (value == null || value.isBlank()) {
            return Duration.ofMillis(fallback);
        }
        try {
            long ms = Long.parseLong(value.strip());
            if (ms < 1) {
                throw new NumberFormatException();
            }
            return Duration.ofMillis(ms);
        } catch (NumberFormatException e) {
            throw new InvalidDestination(name, field, "must be a number of milliseconds, not " + value);
        }
    }

    private static String text(Map<?, ?> entry, String key, Placeholders placeholders) {
        Object value = entry.get(key);
        if (value == null) {
            return null;
        }
        try {
            return placeholders.resolve(String.valueOf(value)).strip();
        } catch (IllegalArgumentException e) {
            throw new InvalidDestination(String.valueOf(entry.get("name")), key, e.getMessage());
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    /** A mistake in {@code integrations/destinations.yaml}. */
    static final class InvalidDestination extends IllegalStateException {
        InvalidDestination(String destination, String field, String problem) {
            super("integrations/" + FILE + ": " + destination + (field.isEmpty() ? "" : " " + field) + " " + problem);
        }
    }
}
