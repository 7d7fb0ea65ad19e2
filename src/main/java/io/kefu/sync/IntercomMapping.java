package io.kefu.sync;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import org.springframework.web.util.HtmlUtils;

import io.kefu.ticket.TicketStatus;

/**
 * The operator's mapping of Kefu tickets onto Intercom tickets, {@code integrations/mappings/intercom.yaml}:
 * which event does what ({@link Action}), which Kefu field fills which ticket attribute, status to
 * ticket state, tags, assignees and the bodies of replies and notes. Read once with Jackson YAML and
 * checked whole: an unknown key, status, action or placeholder is refused with its place named.
 * Builds the JSON bodies of Intercom's requests from an event; holds no state and does no I/O.
 */
final class IntercomMapping {

    /** Where the mapping lives under {@code kefu.home} (or in the jar, under {@code kefu/}). */
    static final String FILE = "integrations/mappings/intercom.yaml";

    /** What an event becomes in Intercom. Every action syncs the ticket first. */
    enum Action {
        /** Create the Intercom ticket if needed, then update its state, attributes, assignee and tags. */
        SYNC("sync", null),
        /** Sync, then the message as the admin's comment. */
        ADMIN_REPLY("admin-reply", "message"),
        /** Sync, then the message as the contact's comment. */
        USER_REPLY("user-reply", "message"),
        /** Sync, then the note as the admin's internal note. */
        ADMIN_NOTE("admin-note", "note");

        private final String key;
        private final String textOf;

        Action(String key, String textOf) {
            this.key = key;
            this.textOf = textOf;
        }

        String key() {
            return key;
        }

        /** The event field whose {@code text} the reply carries ({@code message}, {@code note}), or null. */
        String textOf() {
            return textOf;
        }

        static Action of(String key, String where) {
            return Arrays.stream(values()).filter(a -> a.key.equals(key)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException(where + ": unknown action '" + key + "'; one of "
                            + Arrays.stream(values()).map(Action::key).toList()));
        }
    }

    /** The file as written. */
    record File(@JsonProperty(required = true) Map<String, String> events, @JsonProperty(required = true) Ticket ticket,
            @JsonProperty(required = true) Map<String, String> states, List<String> closed,
            Map<String, String> assignees, Map<String, String> teams, List<String> tags, Map<String, String> bodies,
            @JsonProperty("skip-notifications") Boolean skipNotifications) {
    }

    /** The {@code ticket:} section. */
    record Ticket(@JsonProperty(required = true) Map<String, String> attributes,
            @JsonProperty(value = "kefu-id-attribute", required = true) String kefuIdAttribute) {
    }

    /** {@code {ticket.queue}}: a field of the event; the first part names one of {@link #ROOTS}. */
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z][A-Za-z0-9_]*(?:\\.[A-Za-z0-9_]+)*)}");
    /** Anything in braces without spaces: it must be a placeholder, or it is a typo. */
    private static final Pattern BRACED = Pattern.compile("\\{[^{}\\s]*}");
    private static final Set<String> ROOTS = Set.of("ticket", "message", "note", "type", "eventId", "occurredAt");
    private static final String DEFAULT_ATTRIBUTE = "_default_";
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final Map<String, Action> events;
    private final Map<String, String> attributes;
    private final String kefuIdAttribute;
    private final Map<String, String> states;
    private final Set<String> closed;
    private final Map<String, String> assignees;
    private final Map<String, String> teams;
    private final List<String> tags;
    private final Map<Action, String> bodies;
    private final boolean skipNotifications;

    private IntercomMapping(File file) {
        Map<String, Action> actions = new LinkedHashMap<>();
        file.events().forEach((type, action) -> actions.put(nonBlank(type, "events"),
                Action.of(String.valueOf(action), "events." + type)));
        this.events = Map.copyOf(actions);
        file.ticket().attributes().forEach((name, template) -> checkTemplate(template, "ticket.attributes." + name));
        // Kept in the file's order: the update's digest must not change from one start to the next.
        this.attributes = Collections.unmodifiableMap(new LinkedHashMap<>(file.ticket().attributes()));
        this.kefuIdAttribute = nonBlank(file.ticket().kefuIdAttribute(), "ticket.kefu-id-attribute");
        if (kefuIdAttribute.startsWith(DEFAULT_ATTRIBUTE) || attributes.containsKey(kefuIdAttribute)) {
            throw new IllegalArgumentException("ticket.kefu-id-attribute: '" + kefuIdAttribute
                    + "' must be an attribute of its own, not a default one nor one of ticket.attributes");
        }
        Map<String, String> byStatus = new LinkedHashMap<>();
        file.states().forEach((status, state) -> byStatus.put(status(status, "states"),
                nonBlank(state, "states." + status)));
        for (TicketStatus status : TicketStatus.values()) {
            if (!byStatus.containsKey(status.name())) {
                throw new IllegalArgumentException("states: no Intercom state for status " + status);
            }
        }
        this.states = Collections.unmodifiableMap(byStatus);
        this.closed = Set.copyOf(orEmpty(file.closed()).stream().map(s -> status(s, "closed")).toList());
        this.assignees = Map.copyOf(orEmpty(file.assignees()));
        this.teams = Map.copyOf(orEmpty(file.teams()));
        orEmpty(file.tags()).forEach(tag -> checkTemplate(tag, "tags"));
        this.tags = List.copyOf(orEmpty(file.tags()));
        Map<Action, String> replyBodies = new LinkedHashMap<>();
        orEmpty(file.bodies()).forEach((key, template) -> {
            Action action = Action.of(key, "bodies");
            if (action.textOf() == null) {
                throw new IllegalArgumentException("bodies." + key + ": only replies and notes have a body");
            }
            checkTemplate(template, "bodies." + key);
            replyBodies.put(action, template);
        });
        events.forEach((type, action) -> {
            if (action.textOf() != null && !replyBodies.containsKey(action)) {
                throw new IllegalArgumentException("events." + type + ": " + action.key() + " needs bodies."
                        + action.key());
            }
        });
        this.bodies = Map.copyOf(replyBodies);
        this.skipNotifications = file.skipNotifications() == null || file.skipNotifications();
    }

    /** Reads and checks the mapping; {@code name} names it in the error. */
    static IntercomMapping read(InputStream yaml, String name) {
        YAMLMapper mapper = YAMLMapper.builder().enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
        try {
            return new IntercomMapping(mapper.readValue(yaml, File.class));
        } catch (JsonProcessingException e) {
            String at = e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")";
            throw new IllegalStateException(name + ": " + e.getOriginalMessage() + at, e);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read " + name + ": " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(name + ": " + e.getMessage(), e);
        }
    }

    /** What the event type becomes, or empty: not mapped, left out on purpose. */
    Optional<Action> action(String eventType) {
        return Optional.ofNullable(events.get(eventType));
    }

    /** The attribute carrying the Kefu ticket id, searched before a ticket is created. */
    String kefuIdAttribute() {
        return kefuIdAttribute;
    }

    /** Attributes Kefu writes that the ticket type must have (every one but Intercom's defaults). */
    Set<String> customAttributes() {
        Set<String> names = new LinkedHashSet<>();
        names.add(kefuIdAttribute);
        attributes.keySet().stream().filter(n -> !n.startsWith(DEFAULT_ATTRIBUTE)).forEach(names::add);
        return names;
    }

    /** The state (category or internal label) a Kefu status is mapped to. */
    String stateFor(String status) {
        String state = states.get(status);
        if (state == null) {
            throw new DeliveryRefused("The event's ticket status '" + status + "' is no Kefu status");
        }
        return state;
    }

    /** Every state the mapping names, by status. */
    Map<String, String> states() {
        return states;
    }

    /** {@code POST /tickets}: the ticket of this event, as a ticket of the type, for the contact. */
    ObjectNode createTicket(JsonNode event, String ticketTypeId, String contactId) {
        ObjectNode body = NODES.objectNode();
        body.put("ticket_type_id", ticketTypeId);
        body.putArray("contacts").addObject().put("id", contactId);
        ObjectNode attributes = attributes(event);
        attributes.put(kefuIdAttribute, String.valueOf(ticketId(event)));
        body.set("ticket_attributes", attributes);
        epochSeconds(event.path("ticket").path("createdAt")).ifPresent(at -> body.put("created_at", at));
        if (skipNotifications) {
            body.put("skip_notifications", true);
        }
        return body;
    }

    /** {@code PUT /tickets/{id}}: state, open or closed, attributes and assignee, made as the admin. */
    ObjectNode updateTicket(JsonNode event, String stateId, long adminId) {
        JsonNode ticket = event.path("ticket");
        ObjectNode body = NODES.objectNode();
        body.set("ticket_attributes", attributes(event));
        body.put("ticket_state_id", stateId);
        body.put("open", !closed.contains(ticket.path("status").asText()));
        body.put("admin_id", adminId);
        assignee(ticket).ifPresent(assignee -> body.put("assignee_id", assignee));
        if (skipNotifications) {
            body.put("skip_notifications", true);
        }
        return body;
    }

    /**
     * {@code POST /tickets/{id}/reply} for a reply or note event: the admin's comment or note, or the
     * contact's comment. Empty when the message or note has no text (nothing to mirror).
     */
    Optional<ObjectNode> reply(Action action, JsonNode event, String adminId, String contactId) {
        JsonNode source = event.path(action.textOf());
        if (source.path("text").asText("").isBlank()) {
            return Optional.empty();
        }
        ObjectNode body = NODES.objectNode();
        body.put("message_type", action == Action.ADMIN_NOTE ? "note" : "comment");
        if (action == Action.USER_REPLY) {
            body.put("type", "user");
            body.put("intercom_user_id", contactId);
        } else {
            body.put("type", "admin");
            body.put("admin_id", adminId);
        }
        body.put("body", render(bodies.get(action), event, IntercomMapping::html).text());
        if (skipNotifications) {
            body.put("skip_notifications", true);
        }
        return Optional.of(body);
    }

    /** The tag names the ticket should carry now, in the file's order; a line with an empty field gives none. */
    Set<String> tags(JsonNode event) {
        Set<String> names = new LinkedHashSet<>();
        for (String template : tags) {
            Rendered tag = render(template, event, UnaryOperator.identity());
            if (tag.complete() && !tag.text().isBlank()) {
                names.add(tag.text().strip());
            }
        }
        return names;
    }

    /** The Intercom assignee: the agent's admin, else the queue's team, else "0"; empty when neither is mapped. */
    Optional<String> assignee(JsonNode ticket) {
        if (assignees.isEmpty() && teams.isEmpty()) {
            return Optional.empty();
        }
        String admin = assignees.get(ticket.path("assignee").asText(""));
        if (admin != null) {
            return Optional.of(admin);
        }
        return Optional.of(teams.getOrDefault(ticket.path("queue").asText(""), "0"));
    }

    private ObjectNode attributes(JsonNode event) {
        ObjectNode values = NODES.objectNode();
        attributes.forEach((name, template) -> values.put(name,
                render(template, event, UnaryOperator.identity()).text().strip()));
        return values;
    }

    /** The Kefu ticket id of an event; refused for good when it has none (it never will). */
    static long ticketId(JsonNode event) {
        JsonNode id = event.path("ticket").path("id");
        if (!id.canConvertToLong() || id.asLong() <= 0) {
            throw new DeliveryRefused("Event " + event.path("eventId").asText("?") + " (" + event.path("type").asText("?")
                    + ") carries no ticket id");
        }
        return id.asLong();
    }

    private record Rendered(String text, boolean complete) {
    }

    /** The template with each placeholder replaced by the event's field, escaped; never re-read. */
    private static Rendered render(String template, JsonNode event, UnaryOperator<String> escape) {
        Matcher placeholders = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        boolean complete = true;
        while (placeholders.find()) {
            JsonNode value = event;
            for (String part : placeholders.group(1).split("\\.")) {
                value = value.path(part);
            }
            String text = value.isMissingNode() || value.isNull() ? ""
                    : value.isValueNode() ? value.asText() : value.toString();
            complete &= !text.isBlank();
            placeholders.appendReplacement(out, Matcher.quoteReplacement(escape.apply(text)));
        }
        placeholders.appendTail(out);
        return new Rendered(out.toString(), complete);
    }

    /** Text into Intercom's HTML bodies: escaped, line breaks kept. */
    private static String html(String text) {
        return HtmlUtils.htmlEscape(text).replace("\r\n", "\n").replace("\n", "<br>");
    }

    private static void checkTemplate(String template, String where) {
        if (template == null) {
            throw new IllegalArgumentException(where + ": empty");
        }
        Matcher braced = BRACED.matcher(template);
        while (braced.find()) {
            Matcher placeholder = PLACEHOLDER.matcher(braced.group());
            if (!placeholder.matches()) {
                throw new IllegalArgumentException(where + ": " + braced.group() + " is not a field such as {ticket.queue}");
            }
            String root = placeholder.group(1).split("\\.")[0];
            if (!ROOTS.contains(root)) {
                throw new IllegalArgumentException(where + ": " + braced.group() + " names no part of the event; one of "
                        + ROOTS.stream().sorted().toList());
            }
        }
    }

    private static Optional<Long> epochSeconds(JsonNode instant) {
        if (!instant.isTextual()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(instant.asText()).getEpochSecond());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static String status(String status, String where) {
        String name = nonBlank(status, where).toUpperCase(Locale.ROOT);
        try {
            return TicketStatus.valueOf(name).name();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": '" + status + "' is no ticket status; one of "
                    + Arrays.toString(TicketStatus.values()));
        }
    }

    private static String nonBlank(String value, String where) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(where + ": empty");
        }
        return value.strip();
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }

    private static <K, V> Map<K, V> orEmpty(Map<K, V> map) {
        return map == null ? Map.of() : map;
    }
}
