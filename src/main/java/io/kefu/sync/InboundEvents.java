package io.kefu.sync;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.env.Environment;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.ErrorResponseException;

import io.kefu.customer.CustomerNotFoundException;
import io.kefu.customer.CustomerService;
import io.kefu.customer.CustomerTier;
import io.kefu.intake.InboundMessage;
import io.kefu.intake.IntakeResult;
import io.kefu.intake.IntakeService;
import io.kefu.intake.MessageTooLongException;
import io.kefu.security.AuditLog;
import io.kefu.security.AuditOutcome;
import io.kefu.security.InboundEventRate;
import io.kefu.ticket.Channel;
import io.kefu.ticket.TicketNote;
import io.kefu.ticket.TicketNotFoundException;
import io.kefu.ticket.TicketService;
import io.kefu.ticket.Topic;

/**
 * What back-office systems send to <code>POST /api/integrations/{source}/events</code>: checks who is
 * knocking (HMAC-SHA256 of {@code timestamp + "." + body} under the source's secret, over the raw
 * bytes before any parsing, and a timestamp within the tolerance), then carries out the event and
 * records its {@code Idempotency-Key} with the answer in one transaction, so a repeat gets the
 * same answer and no second effect. Refusals are never stored (a corrected retry with the same key
 * is looked at afresh), and every refusal and every accepted event is audited. A per-principal
 * rate limit is taken first, before any HMAC is computed.
 */
@Service
class InboundEvents {

    /** As long as an agent's note ({@code ticket_note.body}). */
    static final int MAX_NOTE_LENGTH = 10_000;

    /** Event types carried out (the switch in {@code carryOut}), for the error naming them. */
    static final Set<String> TYPES = Set.of("customer.tier_changed", "ticket.event", "ticket.create", "ticket.note");

    private static final Pattern SOURCE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");
    private static final Pattern MESSAGE_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_.-]{0,254}");
    private static final int MAX_KEY = 255;
    private static final int MAX_ANSWER = 4000;

    private final InboundProperties properties;
    private final Environment environment;
    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final ObjectMapper json;
    private final CustomerService customers;
    private final TicketService tickets;
    private final IntakeService intake;
    private final ApplicationEventPublisher events;
    private final AuditLog audit;
    private final InboundEventRate rate;
    private final Clock clock;

    InboundEvents(InboundProperties properties, Environment environment, JdbcClient jdbc, TransactionTemplate transaction,
            ObjectMapper json, CustomerService customers, TicketService tickets, IntakeService intake,
            ApplicationEventPublisher events, AuditLog audit, InboundEventRate rate, Clock clock) {
        this.properties = properties;
        this.environment = environment;
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.json = json;
        this.customers = customers;
        this.tickets = tickets;
        this.intake = intake;
        this.events = events;
        this.audit = audit;
        this.rate = rate;
        this.clock = clock;
    }

    /** The HTTP answer: status and JSON body (problem JSON for refusals). */
    record Answer(int status, String body, boolean problem) {
    }

    /** An event refused with a status (and the field at fault, when one is). */
    static final class Refused extends RuntimeException {
        private final HttpStatus status;
        private final String field;

        Refused(HttpStatus status, String field, String detail) {
            super(detail);
            this.status = status;
            this.field = field;
        }
    }

    /** Checks, carries out and records one inbound request; never throws for a refusal. */
    Answer receive(String source, String timestamp, String signature, String idempotencyKey, byte[] body) {
        String target = "inbound " + source + (idempotencyKey == null ? "" : " " + idempotencyKey);
        try {
            rate.check();
        } catch (ErrorResponseException tooMany) {
            audit.record("inbound.event", target, AuditOutcome.REFUSED, "429 " + tooMany.getBody().getDetail());
            throw tooMany;
        }
        try {
            String secret = secretOf(source)
                    .orElseThrow(() -> new Refused(HttpStatus.NOT_FOUND, null, "No inbound source '" + source + "'"));
            authenticate(secret, timestamp, signature, body);
            if (idempotencyKey == null || idempotencyKey.isBlank() || idempotencyKey.length() > MAX_KEY) {
                throw new Refused(HttpStatus.BAD_REQUEST, "Idempotency-Key",
                        "Invalid request: the Idempotency-Key header is required (1 to " + MAX_KEY + " characters)");
            }
            String digest = sha256(body);
            Answer answer;
            try {
                answer = transaction.execute(status -> stored(source, idempotencyKey, digest)
                        .orElseGet(() -> carryOut(source, idempotencyKey, digest, body)));
            } catch (DuplicateKeyException sameKeyAtOnce) {
                // The same key arrived twice at once: the other request's effect committed, ours rolled back.
                answer = transaction.execute(status -> stored(source, idempotencyKey, digest)).orElseThrow(() -> sameKeyAtOnce);
            }
            audit.record("inbound.event", target, AuditOutcome.SUCCESS, "HTTP " + answer.status());
            return answer;
        } catch (Refused refused) {
            audit.record("inbound.event", target, AuditOutcome.REFUSED,
                    refused.status.value() + " " + refused.getMessage());
            return problem(refused.status, refused.field, refused.getMessage());
        }
    }

    /**
     * The source's secret: {@code kefu.inbound.sources.<source>.secret}, else the environment variable
     * {@code KEFU_INBOUND_<SOURCE>_SECRET} (upper-cased, {@code -} as {@code _}); blank means none.
     */
    Optional<String> secretOf(String source) {
        if (source == null || !SOURCE.matcher(source).matches()) {
            return Optional.empty();
        }
        InboundProperties.Source configured = properties.sources().get(source);
        String secret = configured != null ? configured.secret()
                : environment.getProperty("KEFU_INBOUND_" + source.toUpperCase(Locale.ROOT).replace('-', '_') + "_SECRET");
        return Optional.ofNullable(secret).filter(s -> !s.isBlank());
    }

    private void authenticate(String secret, String timestamp, String signature, byte[] body) {
        long seconds;
        try {
            seconds = Long.parseLong(timestamp == null ? "" : timestamp.trim());
        } catch (NumberFormatException e) {
            throw new Refused(HttpStatus.UNAUTHORIZED, WebhookSignature.TIMESTAMP_HEADER,
                    "X-Kefu-Timestamp must be the Unix time in seconds");
        }
        long skew = Math.abs(clock.instant().getEpochSecond() - seconds);
        if (skew > properties.timestampTolerance().toSeconds()) {
            throw new Refused(HttpStatus.UNAUTHORIZED, WebhookSignature.TIMESTAMP_HEADER,
                    "X-Kefu-Timestamp is outside the allowed window of " + properties.timestampTolerance().toSeconds() + " s");
        }
        if (!WebhookSignature.verify(secret, timestamp.trim(), body, signature)) {
            throw new Refused(HttpStatus.UNAUTHORIZED, WebhookSignature.SIGNATURE_HEADER,
                    "X-Kefu-Signature does not match the body and timestamp");
        }
    }

    private Optional<Answer> stored(String source, String key, String digest) {
        return jdbc.sql("SELECT status, answer, body_sha256 FROM inbound_event WHERE source = ? AND idempotency_key = ?")
                .params(source, key)
                .query((rs, row) -> {
                    if (!rs.getString("body_sha256").equals(digest)) {
                        throw new Refused(HttpStatus.UNPROCESSABLE_ENTITY, "Idempotency-Key",
                                "This Idempotency-Key was already used with a different body");
                    }
                    return new Answer(rs.getInt("status"), rs.getString("answer"), false);
                })
                .optional();
    }

    private Answer carryOut(String source, String key, String digest, byte[] body) {
        JsonNode event = parse(body);
        String type = text(event, "type");
        Answer answer = switch (type) {
            case "customer.tier_changed" -> tierChanged(event);
            case "ticket.event" -> ticketEvent(event);
            case "ticket.create" -> ticketCreate(event);
            case "ticket.note" -> ticketNote(source, event);
            default -> throw new Refused(HttpStatus.BAD_REQUEST, "type",
                    "Invalid request: unknown type '" + type + "' (one of " + String.join(", ", TYPES.stream().sorted().toList()) + ")");
        };
        jdbc.sql("""
                INSERT INTO inbound_event (source, idempotency_key, event_type, body_sha256, status, answer, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)""")
                .params(source, key, type, digest, answer.status(), answer.body(),
                        Timestamp.from(clock.instant().truncatedTo(ChronoUnit.MILLIS)))
                .update();
        return answer;
    }

    private Answer tierChanged(JsonNode event) {
        String customer = text(event, "customerExternalId");
        String tierName = text(event, "tier");
        CustomerTier tier = CustomerTier.parse(tierName).orElseThrow(() -> new Refused(HttpStatus.BAD_REQUEST, "tier",
                "Invalid request: tier must be one of VIP, STANDARD"));
        try {
            customers.changeTier(customer, tier);
        } catch (CustomerNotFoundException e) {
            throw new Refused(HttpStatus.NOT_FOUND, "customerExternalId", e.getMessage());
        }
        ObjectNode answer = json.createObjectNode().put("type", "customer.tier_changed")
                .put("customerExternalId", customer).put("tier", tier.name());
        return ok(HttpStatus.OK, answer);
    }

    private Answer ticketEvent(JsonNode event) {
        long ticketId = ticketId(event);
        String name = text(event, "name");
        if (!MESSAGE_NAME.matcher(name).matches()) {
            throw new Refused(HttpStatus.BAD_REQUEST, "name", "Invalid request: name must be a BPMN message name");
        }
        JsonNode data = event.get("data");
        if (data != null && !data.isNull() && !data.isObject()) {
            throw new Refused(HttpStatus.BAD_REQUEST, "data", "Invalid request: data must be a JSON object");
        }
        // The customer's own messages (CustomerMessage, ...) are never awaited from here:
        // lifecycle/InboundTicketEvents refuses them with the others the ticket does not wait for.
        try {
            tickets.get(ticketId);
            events.publishEvent(new TicketEventReceived(ticketId, name, data == null || data.isNull() ? null : data.toString()));
        } catch (TicketNotFoundException e) {
            throw new Refused(HttpStatus.NOT_FOUND, "ticketId", e.getMessage());
        } catch (TicketEventNotAwaited e) {
            throw new Refused(HttpStatus.CONFLICT, "name", e.getMessage());
        }
        ObjectNode answer = json.createObjectNode().put("type", "ticket.event").put("ticketId", ticketId)
                .put("name", name).put("correlated", true);
        return ok(HttpStatus.OK, answer);
    }

    /** An internal note on the ticket by {@code integration:<source>}: staff see it, the customer never does. */
    private Answer ticketNote(String source, JsonNode event) {
        long ticketId = ticketId(event);
        String text = text(event, "text");
        if (text.length() > MAX_NOTE_LENGTH) {
            throw new Refused(HttpStatus.BAD_REQUEST, "text",
                    "Invalid request: text is longer than " + MAX_NOTE_LENGTH + " characters");
        }
        TicketNote note;
        try {
            note = tickets.addNote(ticketId, "integration:" + source, text);
        } catch (TicketNotFoundException e) {
            throw new Refused(HttpStatus.NOT_FOUND, "ticketId", e.getMessage());
        }
        ObjectNode answer = json.createObjectNode().put("type", "ticket.note").put("ticketId", ticketId)
                .put("noteId", note.id());
        return ok(HttpStatus.CREATED, answer);
    }

    private Answer ticketCreate(JsonNode event) {
        String customer = text(event, "customerExternalId");
        String text = text(event, "text");
        Topic topic = null;
        JsonNode topicNode = event.get("topic");
        if (topicNode != null && !topicNode.isNull()) {
            String label = topicNode.asText().trim().toUpperCase(Locale.ROOT);
            if (!Topic.isKnown(label)) {
                throw new Refused(HttpStatus.BAD_REQUEST, "topic",
                        "Invalid request: topic must be one of " + java.util.Arrays.toString(Topic.values()));
            }
            topic = Topic.fromLabel(label);
        }
        IntakeResult result;
        try {
            // Joins this transaction: the ticket and the idempotency row commit together.
            result = intake.receive(new InboundMessage(Channel.API, customer, text, topic));
        } catch (CustomerNotFoundException e) {
            throw new Refused(HttpStatus.NOT_FOUND, "customerExternalId", e.getMessage());
        } catch (MessageTooLongException e) {
            throw new Refused(HttpStatus.BAD_REQUEST, "text", "Invalid request: " + e.getMessage());
        }
        ObjectNode answer = json.createObjectNode().put("type", "ticket.create").put("ticketId", result.ticketId())
                .put("newTicket", result.newTicket());
        // The customer's open ticket takes the message (one open ticket per customer, as every channel).
        return ok(result.newTicket() ? HttpStatus.CREATED : HttpStatus.OK, answer);
    }

    private JsonNode parse(byte[] body) {
        JsonNode event;
        try {
            event = json.readTree(body);
        } catch (java.io.IOException e) {
            throw new Refused(HttpStatus.BAD_REQUEST, "body", "Invalid request: the body is not valid JSON");
        }
        if (event == null || !event.isObject()) {
            throw new Refused(HttpStatus.BAD_REQUEST, "body", "Invalid request: the body must be a JSON object");
        }
        return event;
    }

    private static String text(JsonNode event, String field) {
        JsonNode value = event.get(field);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw new Refused(HttpStatus.BAD_REQUEST, field, "Invalid request: " + field + " is required (a string)");
        }
        return value.asText().trim();
    }

    private static long ticketId(JsonNode event) {
        JsonNode value = event.get("ticketId");
        if (value != null && value.canConvertToLong() && value.isIntegralNumber() && value.asLong() > 0) {
            return value.asLong();
        }
        if (value != null && value.isTextual() && value.asText().matches("[1-9][0-9]{0,17}")) {
            return Long.parseLong(value.asText());
        }
        throw new Refused(HttpStatus.BAD_REQUEST, "ticketId", "Invalid request: ticketId is required (a ticket id)");
    }

    private Answer ok(HttpStatus status, ObjectNode body) {
        String text = body.toString();
        if (text.length() > MAX_ANSWER) {
            throw new IllegalStateException("inbound answer longer than " + MAX_ANSWER + " characters");
        }
        return new Answer(status.value(), text, false);
    }

    private Answer problem(HttpStatus status, String field, String detail) {
        ObjectNode problem = json.createObjectNode().put("type", "about:blank").put("title", status.getReasonPhrase())
                .put("status", status.value()).put("detail", detail);
        if (field != null) {
            problem.put("field", field);
        }
        try {
            return new Answer(status.value(), json.writeValueAsString(problem), true);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String sha256(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
