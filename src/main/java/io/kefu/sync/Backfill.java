package io.kefu.sync;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.kefu.security.AuditLog;
import io.kefu.security.AuditOutcome;

/**
 * Sends a destination the outbox events it never got: events written before the destination was
 * switched on, or while it was off. Creates the missing {@code outbox_delivery} rows (pending, due
 * now) for every event from an event id or a time on that has none for the destination, in one
 * statement and one transaction; events that already have a delivery (delivered, pending, dead or
 * discarded) are left alone, so nothing is sent twice. The relay then delivers them in event order
 * per ticket (or customer), as any other delivery. Audited as {@code sync.backfill}.
 */
@Service
public class Backfill {

    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final Clock clock;
    private final Destinations destinations;

    Backfill(JdbcClient jdbc, AuditLog audit, Clock clock, Destinations destinations) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
        this.destinations = destinations;
    }

    /** What a backfill created: the count and the range of event ids it covered (null when none). */
    public record Result(String destination, int created, Long firstEventId, Long lastEventId) {
    }

    /** The destination exists but is not switched on: backfilling it would queue deliveries nobody sends. */
    static final class DestinationOff extends RuntimeException {
        DestinationOff(String destination) {
            super("Destination " + destination + " is not enabled; switch it on before backfilling it");
        }
    }

    /**
     * Creates the missing deliveries of {@code destination} from event {@code fromEventId} on, or
     * from the events written at or after {@code since} (ISO-8601 instant): exactly one of the two.
     */
    @Transactional
    public Result backfill(String destination, Long fromEventId, String since) {
        OutboxDestination dest = destination(destination);
        if ((fromEventId == null) == (since == null)) {
            throw new DeadLetters.InvalidRequest("fromEventId", "or since must be given, not both and not neither");
        }
        if (fromEventId != null && fromEventId < 1) {
            throw new DeadLetters.InvalidRequest("fromEventId", "must be an event id (1 or more)");
        }
        Instant from = since == null ? null : instant(since);
        if (!enabled(dest)) {
            audit.record("sync.backfill", "destination " + dest.key(), AuditOutcome.REFUSED, "destination not enabled");
            throw new DestinationOff(dest.key());
        }
        // Only the event types the destination takes (its events filter), from the types the outbox
        // writes: no scan of outbox_event for its distinct types.
        List<String> types = Arrays.stream(OutboxEventType.values()).map(OutboxEventType::typeName)
                .filter(dest::takes).toList();
        if (types.isEmpty()) {
            types = List.of("");
        }
        String condition = (from == null ? "e.id >= :from" : "e.created_at >= :from") + " AND e.event_type IN (:types)";
        Object start = from == null ? fromEventId : Timestamp.from(from);
        var range = jdbc.sql("""
                SELECT MIN(e.id) AS first_id, MAX(e.id) AS last_id, COUNT(*) AS n FROM outbox_event e
                 WHERE %s AND NOT EXISTS (SELECT 1 FROM outbox_delivery d WHERE d.event_id = e.id AND d.destination = :dest)
                """.formatted(condition)).param("from", start).param("dest", dest.key()).param("types", types)
                .query((rs, row) -> new long[] {rs.getLong("first_id"), rs.getLong("last_id"), rs.getLong("n")})
                .single();
        Timestamp now = Timestamp.from(clock.instant());
        // pending_since = now: a backfilled event's maximum age counts from the backfill, not from
        // the event (which may be older than kefu.sync.relay.max-age already).
        int created = jdbc.sql("""
                INSERT INTO outbox_delivery (event_id, destination, aggregate_type, aggregate_id, status, attempts,
                                             next_attempt_at, pending_since)
                SELECT e.id, :dest, e.aggregate_type, e.aggregate_id, 'PENDING', 0, :now, :now FROM outbox_event e
                 WHERE %s AND e.id <= :last
                   AND NOT EXISTS (SELECT 1 FROM outbox_delivery d WHERE d.event_id = e.id AND d.destination = :dest)
                 ORDER BY e.id
                """.formatted(condition)).param("dest", dest.key()).param("now", now).param("from", start)
                .param("last", range[1]).param("types", types).update();
        Result result = new Result(dest.key(), created, created == 0 ? null : range[0], created == 0 ? null : range[1]);
        audit.record("sync.backfill", "destination " + dest.key(), AuditOutcome.SUCCESS,
                (from == null ? "from event " + fromEventId : "since " + from) + ": " + created + " deliveries"
                        + (created == 0 ? "" : ", events " + range[0] + " to " + range[1]));
        return result;
    }

    private boolean enabled(OutboxDestination destination) {
        return destination.enabled();
    }

    private OutboxDestination destination(String destination) {
        return destinations.named(destination == null ? "" : destination.strip()).orElseThrow(() ->
                new DeadLetters.InvalidRequest("destination", "must be one of " + destinations.names()));
    }

    private static Instant instant(String since) {
        try {
            return Instant.parse(since.strip());
        } catch (DateTimeParseException e) {
            throw new DeadLetters.InvalidRequest("since", "must be an ISO-8601 instant such as 2026-01-31T00:00:00Z");
        }
    }
}
