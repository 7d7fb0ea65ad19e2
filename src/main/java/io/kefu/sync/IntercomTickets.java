package io.kefu.sync;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.Resource;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.kefu.config.KefuHome;
import io.kefu.sync.IntercomMapping.Action;

/**
 * Kefu's tickets mirrored as Intercom tickets (Intercom's REST API 2.14), one ticket event at a time:
 * the step of route {@code intercom-ticket-sync}; every call to Intercom goes through route
 * {@code intercom-api} ({@code integrations/intercom/intercom-ticket-sync.camel.yaml}). What an event
 * becomes is {@link IntercomMapping}'s ({@code integrations/mappings/intercom.yaml}).
 *
 * <p>The first event of a ticket Intercom does not know yet creates it there: the customer's contact
 * (found by external id, else created, then remembered in {@code intercom_contact}), then the ticket,
 * whose id is stored in {@code intercom_ticket} the moment Intercom answers. Each event then updates
 * the ticket's state, attributes and assignee (skipped when they are what Intercom last took), its tags
 * (each name created once through {@code /tags} and remembered), and for a reply or note event adds it.
 *
 * <p>No second Intercom ticket: the create carries the Kefu ticket id in a ticket attribute, and a
 * ticket without a stored Intercom id is searched for by it ({@code POST /tickets/search}) before it is
 * created. A create that Intercom made but whose answer never arrived (a timeout, a crash before the id
 * was stored) is found by the retry and linked instead of made again; as Intercom's search shows a new
 * ticket only after a moment, no other create is sent for {@code unanswered-create-wait} after one
 * that got no answer (its time is kept in {@code intercom_ticket.create_sent_at}).
 *
 * <p>Intercom answering 429 or 5xx, a network error or a timeout is a failed attempt the outbox relay
 * retries; every other 4xx is a {@link DeliveryRefused}, a dead letter at once with Intercom's error
 * body. A retry repeats the event's calls that had not succeeded (an update Intercom took is skipped,
 * tags already put on are not put on again); only a reply whose answer was lost can arrive twice.
 */
@Component
class IntercomTickets {

    /** The route that makes one call to Intercom's REST API. */
    static final String API = "direct:intercom-api";

    private static final Logger log = LoggerFactory.getLogger(IntercomTickets.class);

    private final SyncProperties.Intercom settings;
    private final JdbcClient jdbc;
    private final ObjectMapper json;
    private final ProducerTemplate producer;
    private final Clock clock;
    private final IntercomMapping mapping;
    private volatile TicketType ticketType;

    IntercomTickets(SyncProperties properties, JdbcClient jdbc, ObjectMapper json, ProducerTemplate producer,
            KefuHome home, Clock clock) {
        this.settings = properties.intercom();
        this.jdbc = jdbc;
        this.json = json;
        this.producer = producer;
        this.clock = clock;
        this.mapping = settings.enabled() ? readMapping(home) : null;
        if (settings.enabled()) {
            if (settings.ticketTypeId() == null || !settings.ticketTypeId().matches("[A-Za-z0-9_-]+")) {
                throw new IllegalStateException("KEFU_INTERCOM_TOKEN is set, so KEFU_INTERCOM_TICKET_TYPE_ID "
                        + "(kefu.sync.intercom.ticket-type-id) must name the Intercom ticket type Kefu's tickets are "
                        + "created as (GET /ticket_types lists them); it is '" + settings.ticketTypeId() + "'");
            }
            if (settings.adminId() == null || !settings.adminId().matches("\\d{1,18}")) {
                throw new IllegalStateException("KEFU_INTERCOM_TOKEN is set, so KEFU_INTERCOM_ADMIN_ID "
                        + "(kefu.sync.intercom.admin-id) must be the numeric id of the Intercom admin Kefu acts as "
                        + "(GET /admins lists them); it is '" + settings.adminId() + "'");
            }
        }
    }

    private static IntercomMapping readMapping(KefuHome home) {
        List<Resource> found = home.files("integrations", "mappings/intercom.yaml");
        if (found.isEmpty()) {
            throw new IllegalStateException("KEFU_INTERCOM_TOKEN is set but " + IntercomMapping.FILE + " is missing");
        }
        try (InputStream in = found.get(0).getInputStream()) {
            return IntercomMapping.read(in, IntercomMapping.FILE);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read " + KefuHome.describe(found.get(0)), e);
        }
    }

    /** One ticket event (the JSON every destination gets) into Intercom; an event type not mapped is left out. */
    public void deliver(Object body) throws IOException {
        JsonNode event = body instanceof String text ? json.readTree(text) : json.valueToTree(body);
        String type = event.path("type").asText("");
        Optional<Action> action = mapping.action(type);
        if (action.isEmpty()) {
            log.debug("Event {} ({}) of ticket {} is not mapped to Intercom ({}): left out", event.path("eventId"),
                    type, event.path("ticket").path("id"), IntercomMapping.FILE);
            return;
        }
        long ticketId = IntercomMapping.ticketId(event);
        TicketType intercomType = ticketType();
        Linked linked = linked(ticketId).orElseGet(() -> findOrCreate(ticketId, event, intercomType));
        sync(linked, event, intercomType);
        if (action.get().textOf() != null) {
            reply(linked, action.get(), event);
        }
    }

    /**
     * The Intercom ticket that carries this Kefu ticket id (a create whose answer was lost), else a new
     * one. While a create that got no answer is younger than {@code unanswered-create-wait} and
     * Intercom's search does not show it yet, no other create is sent: the attempt is deferred
     * ({@link DeliveryDeferred}, retried with back-off, not held against Intercom's breaker).
     */
    private Linked findOrCreate(long ticketId, JsonNode event, TicketType type) {
        ObjectNode search = json.createObjectNode();
        search.putObject("query").put("field", "ticket_attribute." + type.attributeId(mapping.kefuIdAttribute()))
                .put("operator", "=").put("value", String.valueOf(ticketId));
        search.putObject("pagination").put("per_page", 5);
        JsonNode found = call("POST", "/tickets/search", search, false).path("tickets");
        Optional<Instant> unanswered = unansweredCreate(ticketId);
        if (found.size() > 0) {
            JsonNode existing = found.get(0);
            if (found.size() > 1) {
                log.warn("{} Intercom tickets carry Kefu ticket {}; Kefu keeps to {}", found.size(), ticketId,
                        existing.path("id").asText());
            }
            String contactId = existing.path("contacts").path("contacts").path(0).path("id").asText("");
            log.info("Kefu ticket {} is Intercom ticket {} already (an earlier create whose answer was lost): "
                    + "linked, not created again", ticketId, existing.path("id").asText());
            return link(ticketId, required(existing, "id", "POST /tickets/search"),
                    contactId.isBlank() ? contact(event) : contactId, unanswered.isPresent());
        }
        if (unanswered.isPresent() && unanswered.get().plus(settings.unansweredCreateWait()).isAfter(clock.instant())) {
            throw new DeliveryDeferred("The create of Kefu ticket " + ticketId + " sent at " + unanswered.get()
                    + " got no answer and Intercom's search does not show it yet: searching again before creating "
                    + "another (kefu.sync.intercom.unanswered-create-wait " + settings.unansweredCreateWait() + ")");
        }
        String contactId = contact(event);
        // Whole seconds, rounded up: MySQL's driver sends no fractions (sendFractionalSeconds=false) and
        // would cut the wait short by up to a second.
        Instant now = clock.instant();
        Timestamp sentAt = Timestamp.from(Instant.ofEpochSecond(now.getEpochSecond() + (now.getNano() > 0 ? 1 : 0)));
        if (unanswered.isPresent()) {
            jdbc.sql("UPDATE intercom_ticket SET create_sent_at = ?, intercom_contact_id = ? WHERE ticket_id = ?")
                    .params(sentAt, contactId, ticketId).update();
        } else {
            jdbc.sql("""
                    INSERT INTO intercom_ticket (ticket_id, intercom_contact_id, create_sent_at, created_at)
                    VALUES (?, ?, ?, ?)
                    """).params(ticketId, contactId, sentAt, sentAt).update();
        }
        JsonNode created;
        try {
            created = call("POST", "/tickets", mapping.createTicket(event, type.id(), contactId), false);
        } catch (IntercomUnavailable e) {
            if (e.answered()) {
                // Intercom answered, so it made no ticket: the next attempt may create at once.
                jdbc.sql("DELETE FROM intercom_ticket WHERE ticket_id = ? AND intercom_ticket_id IS NULL")
                        .param(ticketId).update();
            }
            throw e;
        } catch (DeliveryRefused e) {
            jdbc.sql("DELETE FROM intercom_ticket WHERE ticket_id = ? AND intercom_ticket_id IS NULL").param(ticketId)
                    .update();
            throw e;
        }
        Linked linked = link(ticketId, required(created, "id", "POST /tickets"), contactId, true);
        log.info("Kefu ticket {} created as Intercom ticket {}", ticketId, linked.intercomId());
        return linked;
    }

    /** The Intercom contact of the event's customer: remembered, else found by external id, else created. */
    private String contact(JsonNode event) {
        String externalId = event.path("ticket").path("customerExternalId").asText("");
        if (externalId.isBlank()) {
            throw new DeliveryRefused("Ticket " + event.path("ticket").path("id") + " has no customerExternalId: "
                    + "Intercom cannot find or create its contact");
        }
        Optional<String> known = jdbc.sql("SELECT intercom_contact_id FROM intercom_contact WHERE customer_external_id = ?")
                .param(externalId).query(String.class).optional();
        if (known.isPresent()) {
            return known.get();
        }
        ObjectNode search = json.createObjectNode();
        search.putObject("query").put("field", "external_id").put("operator", "=").put("value", externalId);
        JsonNode match = call("POST", "/contacts/search", search, false).path("data").path(0);
        String contactId;
        if (match.hasNonNull("id")) {
            contactId = match.get("id").asText();
        } else {
            ObjectNode create = json.createObjectNode().put("role", "user").put("external_id", externalId);
            contactId = required(call("POST", "/contacts", create, false), "id", "POST /contacts");
            log.info("Intercom contact {} created for customer {}", contactId, externalId);
        }
        try {
            jdbc.sql("INSERT INTO intercom_contact (customer_external_id, intercom_contact_id) VALUES (?, ?)")
                    .params(externalId, contactId).update();
        } catch (DuplicateKeyException e) {
            // another node remembered it first: the same contact
        }
        return contactId;
    }

    /** State, open, attributes and assignee when they changed since Intercom last took them; then the tags. */
    private void sync(Linked linked, JsonNode event, TicketType type) {
        String status = event.path("ticket").path("status").asText("");
        ObjectNode update = mapping.updateTicket(event, type.stateId(mapping.stateFor(status)),
                Long.parseLong(settings.adminId()));
        String digest = digest(update);
        if (!digest.equals(linked.updateDigest())) {
            call("PUT", "/tickets/" + linked.intercomId(), update, false);
            jdbc.sql("UPDATE intercom_ticket SET update_digest = ? WHERE ticket_id = ?")
                    .params(digest, linked.ticketId()).update();
        }
        Set<String> wanted = mapping.tags(event);
        Set<String> applied = new LinkedHashSet<>(jdbc.sql(
                "SELECT tag_name FROM intercom_ticket_tag WHERE ticket_id = ? ORDER BY tag_name")
                .param(linked.ticketId()).query(String.class).list());
        for (String name : wanted) {
            if (!applied.contains(name)) {
                ObjectNode tag = json.createObjectNode().put("id", tagId(name)).put("admin_id", settings.adminId());
                call("POST", "/tickets/" + linked.intercomId() + "/tags", tag, false);
                try {
                    jdbc.sql("INSERT INTO intercom_ticket_tag (ticket_id, tag_name) VALUES (?, ?)")
                            .params(linked.ticketId(), name).update();
                } catch (DuplicateKeyException e) {
                    // already noted: the tag is on the ticket either way
                }
            }
        }
        for (String name : applied) {
            if (!wanted.contains(name)) {
                ObjectNode admin = json.createObjectNode().put("admin_id", settings.adminId());
                // 404: someone took it off in Intercom already, which is what Kefu wants.
                call("DELETE", "/tickets/" + linked.intercomId() + "/tags/" + tagId(name), admin, true);
                jdbc.sql("DELETE FROM intercom_ticket_tag WHERE ticket_id = ? AND tag_name = ?")
                        .params(linked.ticketId(), name).update();
            }
        }
    }

    private void reply(Linked linked, Action action, JsonNode event) {
        Optional<ObjectNode> reply = mapping.reply(action, event, settings.adminId(), linked.contactId());
        if (reply.isEmpty()) {
            log.info("Event {} ({}) of ticket {}: the {} has no text, nothing to mirror in Intercom",
                    event.path("eventId"), event.path("type").asText(), linked.ticketId(), action.textOf());
            return;
        }
        call("POST", "/tickets/" + linked.intercomId() + "/reply", reply.get(), false);
    }

    /** Intercom's id of a tag name: remembered, else created (or found, {@code /tags} does both) once. */
    private String tagId(String name) {
        Optional<String> known = jdbc.sql("SELECT intercom_tag_id FROM intercom_tag WHERE name = ?").param(name)
                .query(String.class).optional();
        if (known.isPresent()) {
            return known.get();
        }
        String id = required(call("POST", "/tags", json.createObjectNode().put("name", name), false), "id", "POST /tags");
        try {
            jdbc.sql("INSERT INTO intercom_tag (name, intercom_tag_id) VALUES (?, ?)").params(name, id).update();
        } catch (DuplicateKeyException e) {
            // another node remembered it first: Intercom gives one id per name
        }
        return id;
    }

    /**
     * The configured ticket type, read once: its attributes by name (a mapped attribute the type lacks
     * is added to it as a hidden text attribute) and its states. Refused when a mapped state is not
     * one of them, and read again at the next event until the mapping or the type is put right.
     */
    private TicketType ticketType() {
        TicketType known = ticketType;
        if (known != null) {
            return known;
        }
        String typeId = settings.ticketTypeId();
        JsonNode type = call("GET", "/ticket_types/" + typeId, null, false);
        Map<String, String> attributeIds = new LinkedHashMap<>();
        JsonNode attributes = type.path("ticket_type_attributes");
        for (JsonNode attribute : attributes.has("data") ? attributes.path("data")
                : attributes.path("ticket_type_attributes")) {
            attributeIds.put(attribute.path("name").asText(), attribute.path("id").asText());
        }
        for (String name : mapping.customAttributes()) {
            if (!attributeIds.containsKey(name)) {
                ObjectNode create = json.createObjectNode().put("name", name)
                        .put("description", "Kefu: " + name + " (" + IntercomMapping.FILE + ")").put("data_type", "string")
                        .put("required_to_create", false).put("required_to_create_for_contacts", false)
                        .put("visible_on_create", false).put("visible_to_contacts", false);
                attributeIds.put(name, required(call("POST", "/ticket_types/" + typeId + "/attributes", create, false),
                        "id", "POST /ticket_types/" + typeId + "/attributes"));
                log.info("Text attribute {} added to Intercom ticket type {}", name, typeId);
            }
        }
        JsonNode states = type.path("ticket_states").path("data");
        if (!type.has("ticket_states")) {
            states = call("GET", "/ticket_states", null, false).path("data");
        }
        List<State> usable = new ArrayList<>();
        for (JsonNode state : states) {
            JsonNode types = state.path("ticket_types").path("data");
            boolean ofThisType = types.isEmpty() || types.findValuesAsText("id").contains(typeId);
            if (ofThisType && !state.path("archived").asBoolean(false)) {
                usable.add(new State(state.path("id").asText(), state.path("category").asText(),
                        state.path("internal_label").asText()));
            }
        }
        TicketType read = new TicketType(typeId, Map.copyOf(attributeIds), List.copyOf(usable));
        mapping.states().forEach((status, state) -> read.stateId(state));
        ticketType = read;
        return read;
    }

    /**
     * One call through route {@code intercom-api}. The answer's JSON when Intercom took it (2xx), null
     * for a 404 the caller accepts; otherwise a refusal (4xx) or a failed attempt (429, 5xx, no answer).
     */
    private JsonNode call(String method, String path, JsonNode body, boolean notFoundIsFine) {
        Exchange answer = producer.send(API, exchange -> {
            Message request = exchange.getIn();
            request.setHeader(Exchange.HTTP_METHOD, method);
            request.setHeader(Exchange.HTTP_PATH, path);
            // Set here, not in the route, so the token never shows in a route definition.
            request.setHeader("Authorization", "Bearer " + settings.token());
            request.setBody(body == null ? null : body.toString());
        });
        if (answer.getException() != null) {
            Exception e = answer.getException();
            throw new IntercomUnavailable(method + " " + path + " got no answer: " + e.getClass().getSimpleName() + ": "
                    + e.getMessage(), e, false);
        }
        int status = answer.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class);
        String text = answer.getMessage().getBody(String.class);
        if (status >= 200 && status < 300) {
            try {
                return text == null || text.isBlank() ? json.createObjectNode() : json.readTree(text);
            } catch (JsonProcessingException e) {
                throw new IntercomUnavailable("Intercom answered " + method + " " + path + " with " + status
                        + " and no JSON: " + abbreviated(text), e, false);
            }
        }
        if (status == 404 && notFoundIsFine) {
            return null;
        }
        if (status == 429 || status >= 500 || status < 200) {
            throw new IntercomUnavailable("Intercom answered " + method + " " + path + " with " + status + ": "
                    + abbreviated(text), null, true);
        }
        throw new DeliveryRefused("Intercom refused " + method + " " + path + " with " + status + ": " + text);
    }

    private Optional<Linked> linked(long ticketId) {
        return jdbc.sql("""
                SELECT ticket_id, intercom_ticket_id, intercom_contact_id, update_digest
                  FROM intercom_ticket WHERE ticket_id = ? AND intercom_ticket_id IS NOT NULL
                """).param(ticketId).query((rs, row) -> new Linked(rs.getLong(1), rs.getString(2), rs.getString(3),
                        rs.getString(4))).optional();
    }

    /** When a create of this ticket that got no answer was sent, if one was. */
    private Optional<Instant> unansweredCreate(long ticketId) {
        return jdbc.sql("SELECT create_sent_at FROM intercom_ticket WHERE ticket_id = ? AND intercom_ticket_id IS NULL")
                .param(ticketId).query(Timestamp.class).optional().map(Timestamp::toInstant);
    }

    /**
     * Stored at once, outside any transaction: the id Intercom gave must survive whatever comes next.
     * {@code pending}: the row of an unanswered create is there already and gets the id.
     */
    private Linked link(long ticketId, String intercomId, String contactId, boolean pending) {
        if (pending) {
            jdbc.sql("""
                    UPDATE intercom_ticket SET intercom_ticket_id = ?, intercom_contact_id = ?, create_sent_at = NULL
                     WHERE ticket_id = ?
                    """).params(intercomId, contactId, ticketId).update();
        } else {
            jdbc.sql("""
                    INSERT INTO intercom_ticket (ticket_id, intercom_ticket_id, intercom_contact_id, created_at)
                    VALUES (?, ?, ?, ?)
                    """).params(ticketId, intercomId, contactId, Timestamp.from(clock.instant())).update();
        }
        return new Linked(ticketId, intercomId, contactId, null);
    }

    private static String required(JsonNode answer, String field, String call) {
        String value = answer.path(field).asText("");
        if (value.isBlank()) {
            throw new IntercomUnavailable("Intercom's answer to " + call + " has no " + field, null, false);
        }
        return value;
    }

    private static String digest(JsonNode update) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(update.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String abbreviated(String text) {
        if (text == null) {
            return "";
        }
        return text.length() > 500 ? text.substring(0, 500) + "…" : text;
    }

    /** A Kefu ticket and the Intercom ticket that mirrors it. */
    private record Linked(long ticketId, String intercomId, String contactId, String updateDigest) {
    }

    private record State(String id, String category, String label) {
    }

    /** The configured Intercom ticket type: attribute ids by name, usable states. */
    private record TicketType(String id, Map<String, String> attributeIds, List<State> states) {

        String attributeId(String name) {
            String attributeId = attributeIds.get(name);
            if (attributeId == null) {
                throw new IllegalStateException("Intercom ticket type " + id + " has no attribute " + name);
            }
            return attributeId;
        }

        /** The state with this internal label (any case), else the first of this category. */
        String stateId(String state) {
            return states.stream().filter(s -> s.label().equalsIgnoreCase(state)).findFirst()
                    .or(() -> states.stream().filter(s -> s.category().equals(state)).findFirst())
                    .map(State::id)
                    .orElseThrow(() -> new DeliveryRefused("Intercom ticket type " + id + " has no state '" + state
                            + "' (states of " + IntercomMapping.FILE + "); its states: " + states.stream()
                                    .map(s -> s.label() + " (" + s.category() + ")").toList()));
        }
    }

    /** Intercom did not answer, or answered 429 or 5xx: a failed attempt, retried with back-off. */
    static final class IntercomUnavailable extends RuntimeException {

        private final boolean answered;

        IntercomUnavailable(String message, Throwable cause, boolean answered) {
            super(message, cause);
            this.answered = answered;
        }

        /** Whether Intercom answered (429, 5xx): then it did not carry the call out. */
        boolean answered() {
            return answered;
        }
    }
}
