package io.kefu.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A real HTTP server on loopback playing Intercom's REST API 2.14 for one workspace: contacts, one
 * ticket type with its states, tickets with attributes, state, assignee, tags and parts, tags. Every
 * request is checked against Intercom's OpenAPI description ({@link IntercomContract}) and its own
 * expectations (the bearer token it was given, {@code Intercom-Version: 2.14}); a request that
 * breaks them is answered 400 as Intercom would, and kept in {@link #violations()}, which a test
 * asserts empty. Its own answers are checked against the description too. It can answer 500 for a
 * while, refuse a call, or take a create and never answer it.
 */
public final class IntercomServer implements AutoCloseable {

    public static final String TICKET_TYPE_ID = "88";
    public static final String ADMIN_ID = "991267943";

    /** One request as Intercom received it, with the status it was answered (0: never answered). */
    public record Received(String method, String path, String body, int status) {
        public JsonNode json() {
            try {
                return body == null || body.isBlank() ? null : JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** A ticket as Intercom holds it. */
    public record Ticket(String id, String contactId, Map<String, String> attributes, String stateCategory,
            boolean open, String assigneeId, List<String> tags, List<Part> parts) {
    }

    /** A reply or note on a ticket. */
    public record Part(String partType, String authorType, String authorId, String body) {
    }

    private record State(String id, String category, String label) {
    }

    private record Answer(int status, JsonNode body, long stallMillis) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String token;
    private final IntercomContract contract = IntercomContract.get();
    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final List<String> violations = new CopyOnWriteArrayList<>();
    private final AtomicInteger ids = new AtomicInteger(1000);
    private final AtomicInteger failuresLeft = new AtomicInteger();
    private final List<State> states = List.of(new State("8353", "submitted", "Submitted"),
            new State("8354", "in_progress", "In progress"), new State("8355", "waiting_on_customer", "Waiting on customer"),
            new State("8356", "resolved", "Resolved"));
    private final Map<String, String> attributes = new LinkedHashMap<>();
    private final Map<String, ObjectNode> contacts = new LinkedHashMap<>();
    private final Map<String, MutableTicket> tickets = new LinkedHashMap<>();
    private final Map<String, String> tagsByName = new LinkedHashMap<>();
    private final Map<String, String> tagNames = new LinkedHashMap<>();
    private volatile long loseNextCreateFor;
    private volatile long dropNextCreateFor;
    private volatile long searchLagMillis;
    private volatile Refusal refusal;

    private record Refusal(String method, Pattern path, int status, String code, String message) {
    }

    private static final class MutableTicket {
        final String id;
        final String number;
        final String contactId;
        final Map<String, String> attributes = new LinkedHashMap<>();
        final long createdAt;
        final long madeAtMillis = System.currentTimeMillis();
        long updatedAt;
        String stateId;
        boolean open = true;
        String assigneeId = "0";
        final LinkedHashSet<String> tagIds = new LinkedHashSet<>();
        final List<Part> parts = new ArrayList<>();

        MutableTicket(String id, String number, String contactId, long createdAt, String stateId) {
            this.id = id;
            this.number = number;
            this.contactId = contactId;
            this.createdAt = createdAt;
            this.updatedAt = createdAt;
            this.stateId = stateId;
        }
    }

    /** Intercom for the holder of {@code token}, with the built-in title and description attributes. */
    public IntercomServer(String token) {
        this.token = token;
        attributes.put("_default_title_", "179");
        attributes.put("_default_description_", "180");
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::exchange);
        server.setExecutor(Executors.newCachedThreadPool());
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Answer 500 to the next {@code count} requests (checked, not carried out). */
    public void failNext(int count) {
        failuresLeft.set(count);
    }

    /** Carry out the next {@code POST /tickets}, then hold its answer for {@code millis} and drop it. */
    public void loseNextCreateAnswer(long millis) {
        loseNextCreateFor = millis;
    }

    /** Hold the next {@code POST /tickets} for {@code millis} and drop it without carrying it out. */
    public void dropNextCreate(long millis) {
        dropNextCreateFor = millis;
    }

    /** From now on a ticket shows in {@code /tickets/search} only {@code millis} after it was made, as in Intercom. */
    public void searchLag(long millis) {
        searchLagMillis = millis;
    }

    /** Refuse the next request of this method whose path matches with an Intercom error of this status. */
    public void refuseNext(String method, String pathRegex, int status, String code, String message) {
        refusal = new Refusal(method, Pattern.compile(pathRegex), status, code, message);
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    /** Requests that broke the contract (and how), and answers of this server that did. */
    public List<String> violations() {
        return List.copyOf(violations);
    }

    /** Every ticket whose Kefu ticket id attribute is {@code kefuTicketId}. */
    public synchronized List<Ticket> ticketsOf(long kefuTicketId) {
        return tickets.values().stream()
                .filter(t -> String.valueOf(kefuTicketId).equals(t.attributes.get("kefu_ticket_id")))
                .map(this::snapshot).toList();
    }

    /** Deletes the tickets of this Kefu ticket, as if Intercom never had them. */
    public synchronized void forget(long kefuTicketId) {
        tickets.values().removeIf(t -> String.valueOf(kefuTicketId).equals(t.attributes.get("kefu_ticket_id")));
    }

    /** The contact with this external id, or null. */
    public synchronized JsonNode contact(String externalId) {
        return contacts.values().stream().filter(c -> externalId.equals(c.path("external_id").asText())).findFirst()
                .map(ObjectNode::deepCopy).orElse(null);
    }

    /** The ticket type's attributes by name (those Kefu added included). */
    public synchronized Map<String, String> attributes() {
        return Map.copyOf(attributes);
    }

    /** Forgets the requests received so far (not the violations among them). */
    public void forgetReceived() {
        received.clear();
    }

    /** Forgets requests, violations and any failure set up; keeps the workspace's contacts, tickets and tags. */
    public void clear() {
        received.clear();
        violations.clear();
        failuresLeft.set(0);
        loseNextCreateFor = 0;
        dropNextCreateFor = 0;
        searchLagMillis = 0;
        refusal = null;
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void exchange(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getRawPath();
        String body;
        try (InputStream in = exchange.getRequestBody()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Answer answer;
        try {
            answer = answer(method, path, exchange.getRequestHeaders(), body);
        } catch (RuntimeException e) {
            violations.add(method + " " + path + ": the stand-in failed: " + e);
            answer = new Answer(500, error("server_error", e.toString()), 0);
        }
        received.add(new Received(method, path, body, answer.stallMillis() > 0 ? 0 : answer.status()));
        if (answer.stallMillis() > 0) {
            try {
                Thread.sleep(answer.stallMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
            return;
        }
        byte[] bytes = answer.body().toString().getBytes(StandardCharsets.UTF_8);
        if (answer.status() != 500 && answer.status() != 429) {
            // Intercom's outage answers are not in its description; every other answer must be.
            for (String problem : contract.checkResponse(method, path, answer.status(), "application/json",
                    answer.body().toString())) {
                violations.add("answer to " + method + " " + path + " (" + answer.status() + "): " + problem);
            }
        }
        exchange.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(answer.status(), bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private Answer answer(String method, String path, Map<String, List<String>> headers, String body) {
        List<String> problems = new ArrayList<>(contract.checkRequest(method, path, headers, body));
        if (!List.of("2.14").equals(header(headers, "Intercom-Version"))) {
            problems.add("Intercom-Version must be 2.14, the version Kefu was built against; got "
                    + header(headers, "Intercom-Version"));
        }
        if (!List.of("Bearer " + token).equals(header(headers, "Authorization"))) {
            problems.add("Authorization must be the workspace's bearer token");
        }
        if (!problems.isEmpty()) {
            problems.forEach(p -> violations.add(method + " " + path + ": " + p));
            return new Answer(400, error("parameter_invalid", String.join("; ", problems)), 0);
        }
        if (failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            return new Answer(500, error("server_error", "Intercom is unavailable"), 0);
        }
        Refusal refuse = refusal;
        if (refuse != null && refuse.method().equals(method) && refuse.path().matcher(path).matches()) {
            refusal = null;
            return new Answer(refuse.status(), error(refuse.code(), refuse.message()), 0);
        }
        JsonNode request;
        try {
            request = body.isBlank() ? JSON.createObjectNode() : JSON.readTree(body);
        } catch (IOException e) {
            return new Answer(400, error("parameter_invalid", "not JSON"), 0);
        }
        synchronized (this) {
            return carryOut(method, path, request);
        }
    }

    private Answer carryOut(String method, String path, JsonNode request) {
        Matcher m;
        if (method.equals("GET") && (m = match("/ticket_types/([^/]+)", path)) != null) {
            return m.group(1).equals(TICKET_TYPE_ID) ? ok(ticketType()) : notFound("ticket_type_not_found");
        }
        if (method.equals("POST") && (m = match("/ticket_types/([^/]+)/attributes", path)) != null) {
            String name = request.path("name").asText();
            if (attributes.containsKey(name)) {
                return new Answer(400, error("parameter_invalid", "Attribute " + name + " exists"), 0);
            }
            String id = next();
            attributes.put(name, id);
            return ok(attribute(name, id));
        }
        if (method.equals("POST") && path.equals("/contacts/search")) {
            JsonNode query = request.path("query");
            ArrayNode data = JSON.createArrayNode();
            if (query.path("field").asText().equals("external_id") && query.path("operator").asText().equals("=")) {
                contacts.values().stream().filter(c -> c.path("external_id").asText().equals(query.path("value").asText()))
                        .forEach(c -> data.add(c.deepCopy()));
            } else {
                violations.add("POST /contacts/search: the stand-in searches external_id = only: " + query);
            }
            ObjectNode list = JSON.createObjectNode().put("type", "list");
            list.set("data", data);
            list.put("total_count", data.size());
            return ok(list);
        }
        if (method.equals("POST") && path.equals("/contacts")) {
            String externalId = request.path("external_id").asText();
            if (contact(externalId) != null) {
                violations.add("POST /contacts: a second contact with external_id " + externalId);
                return new Answer(409, error("conflict", "A contact matching those details already exists"), 0);
            }
            String id = "6762f2d81bb69f9f2193" + next();
            ObjectNode contact = JSON.createObjectNode().put("type", "contact").put("id", id)
                    .put("external_id", externalId).put("role", request.path("role").asText("user"))
                    .put("created_at", now()).put("updated_at", now());
            contacts.put(id, contact);
            return ok(contact.deepCopy());
        }
        if (method.equals("POST") && path.equals("/tickets/search")) {
            return ok(search(request.path("query")));
        }
        if (method.equals("POST") && path.equals("/tickets") && dropNextCreateFor > 0) {
            long drop = dropNextCreateFor;
            dropNextCreateFor = 0;
            return new Answer(200, JSON.createObjectNode(), drop);
        }
        if (method.equals("POST") && path.equals("/tickets")) {
            String contactId = request.path("contacts").path(0).path("id").asText();
            if (!contacts.containsKey(contactId)) {
                return new Answer(400, error("data_invalid", "Contact not found or could not be created"), 0);
            }
            if (!request.path("ticket_type_id").asText().equals(TICKET_TYPE_ID)) {
                return notFound("ticket_type_not_found");
            }
            MutableTicket ticket = new MutableTicket(next(), Integer.toString(tickets.size() + 1), contactId,
                    request.path("created_at").asLong(now()), states.get(0).id());
            request.path("ticket_attributes").properties().forEach(a -> ticket.attributes.put(a.getKey(), a.getValue().asText()));
            for (String name : ticket.attributes.keySet()) {
                if (!attributes.containsKey(name)) {
                    return new Answer(400, error("parameter_invalid", "Unknown ticket attribute " + name), 0);
                }
            }
            tickets.put(ticket.id, ticket);
            long lose = loseNextCreateFor;
            loseNextCreateFor = 0;
            return new Answer(200, ticketJson(ticket), lose);
        }
        if ((m = match("/tickets/([^/]+)", path)) != null && (method.equals("PUT") || method.equals("GET"))) {
            MutableTicket ticket = tickets.get(m.group(1));
            if (ticket == null) {
                return notFound("ticket_not_found");
            }
            if (method.equals("PUT")) {
                if (request.has("ticket_state_id")) {
                    String stateId = request.get("ticket_state_id").asText();
                    if (states.stream().noneMatch(s -> s.id().equals(stateId))) {
                        return new Answer(400, error("ticket_state_id_invalid",
                                "Ticket state id is not valid or is not associated with the ticket type"), 0);
                    }
                    ticket.stateId = stateId;
                }
                request.path("ticket_attributes").properties()
                        .forEach(a -> ticket.attributes.put(a.getKey(), a.getValue().asText()));
                if (request.has("open")) {
                    ticket.open = request.get("open").asBoolean();
                }
                if (request.has("assignee_id")) {
                    ticket.assigneeId = request.get("assignee_id").asText();
                }
                ticket.updatedAt = now();
            }
            return ok(ticketJson(ticket));
        }
        if (method.equals("POST") && (m = match("/tickets/([^/]+)/reply", path)) != null) {
            MutableTicket ticket = tickets.get(m.group(1));
            if (ticket == null) {
                return notFound("not_found");
            }
            String authorType = request.path("type").asText();
            String authorId = authorType.equals("admin") ? request.path("admin_id").asText()
                    : request.path("intercom_user_id").asText();
            if (authorType.equals("user") && !authorId.equals(ticket.contactId)) {
                return new Answer(400, error("parameter_mismatch", "The user is not the ticket's contact"), 0);
            }
            Part part = new Part(request.path("message_type").asText(), authorType, authorId, request.path("body").asText());
            ticket.parts.add(part);
            ObjectNode reply = JSON.createObjectNode().put("type", "ticket_part").put("id", next())
                    .put("part_type", part.partType()).put("body", part.body()).put("created_at", now())
                    .put("updated_at", now()).put("redacted", false);
            reply.putObject("author").put("id", authorId).put("type", authorType);
            reply.putArray("attachments");
            return ok(reply);
        }
        if (method.equals("POST") && path.equals("/tags")) {
            String name = request.path("name").asText();
            String id = tagsByName.computeIfAbsent(name.toLowerCase(Locale.ROOT), n -> next());
            tagNames.putIfAbsent(id, name);
            return ok(JSON.createObjectNode().put("type", "tag").put("id", id).put("name", tagNames.get(id)));
        }
        if (method.equals("POST") && (m = match("/tickets/([^/]+)/tags", path)) != null) {
            MutableTicket ticket = tickets.get(m.group(1));
            String tagId = request.path("id").asText();
            if (ticket == null) {
                return notFound("ticket_not_found");
            }
            if (!tagNames.containsKey(tagId)) {
                return notFound("tag_not_found");
            }
            ticket.tagIds.add(tagId);
            return ok(applied(tagId, request.path("admin_id").asText()));
        }
        if (method.equals("DELETE") && (m = match("/tickets/([^/]+)/tags/([^/]+)", path)) != null) {
            MutableTicket ticket = tickets.get(m.group(1));
            if (ticket == null) {
                return notFound("ticket_not_found");
            }
            if (!ticket.tagIds.remove(m.group(2))) {
                return notFound("tag_not_found");
            }
            return ok(applied(m.group(2), request.path("admin_id").asText()));
        }
        violations.add(method + " " + path + ": a call Kefu has no reason to make");
        return notFound("not_found");
    }

    private JsonNode search(JsonNode query) {
        ArrayNode found = JSON.createArrayNode();
        String field = query.path("field").asText();
        String attributeName = attributes.entrySet().stream()
                .filter(a -> field.equals("ticket_attribute." + a.getValue())).map(Map.Entry::getKey).findFirst()
                .orElse(null);
        if (attributeName == null || !query.path("operator").asText().equals("=")) {
            violations.add("POST /tickets/search: the stand-in searches ticket_attribute.{id} = only: " + query);
        } else {
            long shownBefore = System.currentTimeMillis() - searchLagMillis;
            tickets.values().stream().filter(t -> query.path("value").asText().equals(t.attributes.get(attributeName)))
                    .filter(t -> t.madeAtMillis <= shownBefore).forEach(t -> found.add(ticketJson(t)));
        }
        ObjectNode list = JSON.createObjectNode().put("type", "ticket.list");
        list.set("tickets", found);
        list.put("total_count", found.size());
        list.putObject("pages").put("type", "pages").put("page", 1).put("per_page", 5).put("total_pages", 1);
        return list;
    }

    private ObjectNode ticketType() {
        ObjectNode type = JSON.createObjectNode().put("type", "ticket_type").put("id", TICKET_TYPE_ID)
                .put("category", "Customer").put("name", "Kefu ticket").put("description", "Tickets from Kefu")
                .put("workspace_id", "this_is_an_id656_that_should_be_at_least_").put("archived", false)
                .put("created_at", 1734537870).put("updated_at", 1734537870);
        // As Intercom really answers (the description's own example): the attributes under "data".
        ObjectNode list = type.putObject("ticket_type_attributes").put("type", "list");
        ArrayNode data = list.putArray("data");
        attributes.forEach((name, id) -> data.add(attribute(name, id)));
        ArrayNode stateList = type.putObject("ticket_states").put("type", "list").putArray("data");
        states.forEach(s -> stateList.add(state(s)));
        return type;
    }

    private static ObjectNode attribute(String name, String id) {
        return JSON.createObjectNode().put("type", "ticket_type_attribute").put("id", id).put("name", name)
                .put("description", "").put("data_type", "string").put("required_to_create", false)
                .put("visible_on_create", true).put("visible_to_contacts", false)
                .put("default", name.startsWith("_default_")).put("ticket_type_id", Integer.parseInt(TICKET_TYPE_ID))
                .put("archived", false);
    }

    private static ObjectNode state(State state) {
        return JSON.createObjectNode().put("type", "ticket_state").put("id", state.id())
                .put("category", state.category()).put("internal_label", state.label())
                .put("external_label", state.label());
    }

    private ObjectNode ticketJson(MutableTicket ticket) {
        ObjectNode json = JSON.createObjectNode().put("type", "ticket").put("id", ticket.id)
                .put("ticket_id", ticket.number).put("category", "Customer");
        ObjectNode attributes = json.putObject("ticket_attributes");
        ticket.attributes.forEach(attributes::put);
        json.set("ticket_state", state(stateOf(ticket)));
        json.putObject("ticket_type").put("type", "ticket_type").put("id", TICKET_TYPE_ID).put("name", "Kefu ticket")
                .put("category", "Customer").put("archived", false);
        ObjectNode contacts = json.putObject("contacts").put("type", "contact.list");
        contacts.putArray("contacts").addObject().put("type", "contact").put("id", ticket.contactId)
                .put("external_id", this.contacts.get(ticket.contactId).path("external_id").asText());
        json.put("admin_assignee_id", ticket.assigneeId).put("team_assignee_id", "0")
                .put("created_at", ticket.createdAt).put("updated_at", ticket.updatedAt).put("open", ticket.open)
                .put("is_shared", true);
        json.putObject("linked_objects").put("type", "list").put("total_count", 0).put("has_more", false).putArray("data");
        ObjectNode parts = json.putObject("ticket_parts").put("type", "ticket_part.list");
        ArrayNode list = parts.putArray("ticket_parts");
        for (Part part : ticket.parts) {
            ObjectNode p = list.addObject().put("type", "ticket_part").put("part_type", part.partType())
                    .put("body", part.body()).put("redacted", false);
            p.putObject("author").put("type", part.authorType()).put("id", part.authorId());
        }
        parts.put("total_count", ticket.parts.size());
        return json;
    }

    private State stateOf(MutableTicket ticket) {
        return states.stream().filter(s -> s.id().equals(ticket.stateId)).findFirst().orElseThrow();
    }

    private ObjectNode applied(String tagId, String adminId) {
        ObjectNode tag = JSON.createObjectNode().put("type", "tag").put("id", tagId).put("name", tagNames.get(tagId))
                .put("applied_at", now());
        tag.putObject("applied_by").put("type", "admin").put("id", adminId);
        return tag;
    }

    private Ticket snapshot(MutableTicket t) {
        return new Ticket(t.id, t.contactId, Map.copyOf(t.attributes), stateOf(t).category(), t.open, t.assigneeId,
                t.tagIds.stream().map(tagNames::get).toList(), List.copyOf(t.parts));
    }

    private static Matcher match(String regex, String path) {
        Matcher m = Pattern.compile(regex).matcher(path);
        return m.matches() ? m : null;
    }

    private static List<String> header(Map<String, List<String>> headers, String name) {
        return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name)).map(Map.Entry::getValue)
                .findFirst().orElse(null);
    }

    private static Answer ok(JsonNode body) {
        return new Answer(200, body, 0);
    }

    private static Answer notFound(String code) {
        return new Answer(404, error(code, "Resource Not Found"), 0);
    }

    private static ObjectNode error(String code, String message) {
        ObjectNode error = JSON.createObjectNode().put("type", "error.list")
                .put("request_id", java.util.UUID.randomUUID().toString());
        error.putArray("errors").addObject().put("code", code).put("message", message);
        return error;
    }

    private String next() {
        return Integer.toString(ids.incrementAndGet());
    }

    private static long now() {
        return Instant.now().getEpochSecond();
    }
}
