package io.kefu.sync;

import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.kefu.security.AuditLog;
import io.kefu.security.AuditOutcome;

/**
 * Deliveries the relay gave up on ({@code status = 'DEAD'}): listed oldest first per destination,
 * replayed (pending again at once, with a fresh set of attempts and a fresh maximum age) or
 * discarded ({@code DISCARDED}, kept for the record). Until one of the two happens, the later
 * events of the dead letter's ticket (or customer) for that destination wait behind it. Every replay and discard
 * is audited.
 */
@Service
public class DeadLetters {

    /** Page size when the client asks for none; and the most one page holds. */
    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 200;
    private static final String CURSOR_VERSION = "d1:";
    /** An event type name as the outbox stores them ({@code ticket.routed}). */
    private static final Pattern EVENT_TYPE = Pattern.compile("[a-z][a-z0-9_.]{0,63}");
    private static final String SELECT_LETTER = """
            SELECT d.id, d.destination, d.event_id, e.event_type, d.aggregate_type, d.aggregate_id, d.attempts,
                   d.last_error, d.dead_at, e.created_at
              FROM outbox_delivery d JOIN outbox_event e ON e.id = d.event_id
            """;

    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final Clock clock;

    private final Destinations destinations;

    DeadLetters(JdbcClient jdbc, AuditLog audit, Clock clock, Destinations destinations) {
        this.destinations = destinations;
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * One dead letter.
     *
     * @param aggregateType {@code ticket} or {@code customer}: whose events wait behind it
     * @param aggregateId   the ticket's or the customer's id
     * @param ticketId      the ticket's id; null for a customer's event
     */
    public record DeadLetter(long id, String destination, long eventId, String eventType, String aggregateType,
            long aggregateId, Long ticketId, int attempts, String lastError, Instant deadAt, Instant occurredAt) {
    }

    /** A page of dead letters; {@code nextCursor} is null on the last page. */
    public record Page(List<DeadLetter> items, String nextCursor) {
    }

    /**
     * One dead letter with everything the outbox keeps about it: the event's schema version and
     * payload (the JSON the destination would get as {@code ticket}), and since when the delivery
     * was failing ({@code pendingSince}: its last replay or backfill, null when it failed from its
     * event on).
     */
    public record Inspection(DeadLetter letter, String aggregateType, int eventVersion, String payload,
            Instant pendingSince) {
    }

    /** What a bulk replay did. */
    public record Replayed(int replayed, List<Long> ids) {
    }

    /** Bad input to the dead-letter API, named by its field. */
    static final class InvalidRequest extends RuntimeException {
        private final String field;

        InvalidRequest(String field, String message) {
            super(field + " " + message);
            this.field = field;
        }

        String field() {
            return field;
        }
    }

    /** No dead letter with that id (never one, or already replayed or discarded). */
    static final class NotFound extends RuntimeException {
        NotFound(long id) {
            super("No dead letter " + id);
        }
    }

    @Transactional(readOnly = true)
    public Page page(String destination, String cursor, Integer limit) {
        return page(destination, null, cursor, limit);
    }

    /**
     * A page of dead letters, oldest first, of one destination and one event type when given
     * (either may be null or blank for all); pages are linked by {@link Page#nextCursor()}.
     */
    @Transactional(readOnly = true)
    public Page page(String destination, String eventType, String cursor, Integer limit) {
        String dest = destination(destination);
        String type = eventType(eventType);
        Long after = readCursor(cursor);
        int size = limit == null ? DEFAULT_LIMIT : limit;
        if (size < 1 || size > MAX_LIMIT) {
            throw new InvalidRequest("limit", "must be between 1 and " + MAX_LIMIT);
        }
        List<DeadLetter> rows = jdbc.sql(SELECT_LETTER + """
                 WHERE d.status = 'DEAD' AND (:dest IS NULL OR d.destination = :dest)
                   AND (:type IS NULL OR e.event_type = :type) AND d.id > :after
                 ORDER BY d.id
                 LIMIT :limit
                """).param("dest", dest).param("type", type).param("after", after == null ? 0L : after)
                .param("limit", size + 1)
                .query((rs, n) -> letter(rs))
                .list();
        if (rows.size() > size) {
            List<DeadLetter> shown = rows.subList(0, size);
            return new Page(List.copyOf(shown), cursorAfter(shown.get(size - 1).id()));
        }
        return new Page(rows, null);
    }

    /** How many dead letters there are of that destination and event type (null or blank: all). */
    @Transactional(readOnly = true)
    public long count(String destination, String eventType) {
        return jdbc.sql("""
                SELECT COUNT(*) FROM outbox_delivery d JOIN outbox_event e ON e.id = d.event_id
                 WHERE d.status = 'DEAD' AND (:dest IS NULL OR d.destination = :dest)
                   AND (:type IS NULL OR e.event_type = :type)
                """).param("dest", destination(destination)).param("type", eventType(eventType))
                .query(Long.class).single();
    }

    /** The event types that have dead letters now, by name. */
    @Transactional(readOnly = true)
    public List<String> eventTypes() {
        return jdbc.sql("""
                SELECT DISTINCT e.event_type FROM outbox_delivery d JOIN outbox_event e ON e.id = d.event_id
                 WHERE d.status = 'DEAD' ORDER BY e.event_type
                """).query(String.class).list();
    }

    /** One dead letter with its event's payload; {@link NotFound} when {@code id} is no dead letter. */
    @Transactional(readOnly = true)
    public Inspection inspect(long id) {
        return jdbc.sql("""
                SELECT d.id, d.destination, d.event_id, e.event_type, d.aggregate_id, d.attempts, d.last_error,
                       d.dead_at, e.created_at, e.aggregate_type, e.event_version, e.payload, d.pending_since
                  FROM outbox_delivery d JOIN outbox_event e ON e.id = d.event_id
                 WHERE d.id = ? AND d.status = 'DEAD'
                """).param(id)
                .query((rs, n) -> new Inspection(letter(rs), rs.getString("aggregate_type"), rs.getInt("event_version"),
                        rs.getString("payload"),
                        rs.getTimestamp("pending_since") == null ? null : rs.getTimestamp("pending_since").toInstant()))
                .optional().orElseThrow(() -> new NotFound(id));
    }

    /** Makes one dead letter pending again, due now. */
    @Transactional
    public DeadLetter replay(long id) {
        DeadLetter letter = find(id);
        revive(List.of(id));
        audit.record("sync.dead-letter.replay", "delivery " + id, AuditOutcome.SUCCESS, describe(letter));
        return letter;
    }

    /**
     * Replays the dead letters of {@code destination} (every destination when null), or only those
     * of {@code ids} among them; ids that are no dead letter are left out of the answer.
     */
    @Transactional
    public Replayed replay(String destination, List<Long> ids) {
        String dest = destination(destination);
        if (ids != null && ids.isEmpty()) {
            throw new InvalidRequest("ids", "must name at least one dead letter, or be left out to replay all");
        }
        if (ids != null && ids.stream().anyMatch(id -> id == null || id < 1)) {
            throw new InvalidRequest("ids", "must be dead-letter ids");
        }
        List<Long> chosen = new ArrayList<>();
        if (ids == null) {
            chosen.addAll(jdbc.sql("""
                    SELECT id FROM outbox_delivery WHERE status = 'DEAD' AND (:dest IS NULL OR destination = :dest)
                     ORDER BY id
                    """).param("dest", dest).query(Long.class).list());
        } else {
            chosen.addAll(jdbc.sql("""
                    SELECT id FROM outbox_delivery
                     WHERE status = 'DEAD' AND id IN (:ids) AND (:dest IS NULL OR destination = :dest)
                     ORDER BY id
                    """).param("ids", ids).param("dest", dest).query(Long.class).list());
        }
        return revive(dest, chosen);
    }

    /**
     * Replays every dead letter of {@code destination} and {@code eventType} (either null or blank
     * for all): without a type exactly {@link #replay(String, List)} with no ids; with one, the
     * dead letters of that type, audited as that call with their ids is.
     */
    @Transactional
    public Replayed replayAll(String destination, String eventType) {
        String type = eventType(eventType);
        if (type == null) {
            return replay(destination, null);
        }
        String dest = destination(destination);
        List<Long> chosen = jdbc.sql("""
                SELECT d.id FROM outbox_delivery d JOIN outbox_event e ON e.id = d.event_id
                 WHERE d.status = 'DEAD' AND (:dest IS NULL OR d.destination = :dest) AND e.event_type = :type
                 ORDER BY d.id
                """).param("dest", dest).param("type", type).query(Long.class).list();
        return revive(dest, chosen);
    }

    private Replayed revive(String dest, List<Long> chosen) {
        if (!chosen.isEmpty()) {
            revive(chosen);
        }
        audit.record("sync.dead-letter.replay", dest == null ? "all destinations" : "destination " + dest,
                AuditOutcome.SUCCESS, chosen.size() + " replayed" + (chosen.isEmpty() ? "" : ": deliveries " + chosen));
        return new Replayed(chosen.size(), List.copyOf(chosen));
    }

    /** Gives a dead letter up for good; the ticket's later events for that destination go on. */
    @Transactional
    public void discard(long id) {
        DeadLetter letter = find(id);
        jdbc.sql("UPDATE outbox_delivery SET status = 'DISCARDED' WHERE id = ? AND status = 'DEAD'").param(id).update();
        audit.record("sync.dead-letter.discard", "delivery " + id, AuditOutcome.SUCCESS, describe(letter));
    }

    private void revive(List<Long> ids) {
        Timestamp now = Timestamp.from(clock.instant());
        jdbc.sql("""
                UPDATE outbox_delivery SET status = 'PENDING', attempts = 0, next_attempt_at = :now, pending_since = :now,
                       dead_at = NULL, claimed_until = NULL, claimed_by = NULL
                 WHERE id IN (:ids) AND status = 'DEAD'
                """).param("now", now).param("ids", ids).update();
    }

    private DeadLetter find(long id) {
        return jdbc.sql(SELECT_LETTER + " WHERE d.id = ? AND d.status = 'DEAD'").param(id)
                .query((rs, n) -> letter(rs))
                .optional().orElseThrow(() -> new NotFound(id));
    }

    private static DeadLetter letter(ResultSet rs) throws SQLException {
        String aggregateType = rs.getString("aggregate_type");
        long aggregateId = rs.getLong("aggregate_id");
        return new DeadLetter(rs.getLong("id"), rs.getString("destination"), rs.getLong("event_id"),
                rs.getString("event_type"), aggregateType, aggregateId,
                OutboxEventType.TICKET.equals(aggregateType) ? aggregateId : null, rs.getInt("attempts"),
                rs.getString("last_error"), rs.getTimestamp("dead_at").toInstant(), rs.getTimestamp("created_at").toInstant());
    }

    private static String describe(DeadLetter letter) {
        return letter.destination() + " event " + letter.eventId() + " (" + letter.eventType() + ") of "
                + letter.aggregateType() + " " + letter.aggregateId() + " after " + letter.attempts() + " attempts: "
                + letter.lastError();
    }

    private String destination(String destination) {
        if (destination == null || destination.isBlank()) {
            return null;
        }
        return destinations.named(destination.strip()).map(OutboxDestination::name)
                .orElseThrow(() -> new InvalidRequest("destination", "must be one of " + destinations.names()));
    }

    private static String eventType(String eventType) {
        if (eventType == null || eventType.isBlank()) {
            return null;
        }
        String type = eventType.strip();
        if (!EVENT_TYPE.matcher(type).matches()) {
            throw new InvalidRequest("type", "must be an event type name such as ticket.routed");
        }
        return type;
    }

    static String cursorAfter(long id) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((CURSOR_VERSION + id).getBytes(StandardCharsets.US_ASCII));
    }

    private static Long readCursor(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return null;
        }
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(cursor.strip()), StandardCharsets.US_ASCII);
            if (decoded.startsWith(CURSOR_VERSION)) {
                long id = Long.parseLong(decoded.substring(CURSOR_VERSION.length()));
                if (id > 0) {
                    return id;
                }
            }
        } catch (IllegalArgumentException e) {
            // not base64 or not a number: the same answer as any cursor this API did not hand out
        }
        throw new InvalidRequest("cursor", "is not a cursor this API handed out");
    }
}
