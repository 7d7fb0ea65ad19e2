package io.kefu.sync;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Delivers due outbox deliveries through their Camel route, one at a time in event order per
 * aggregate (a ticket, a customer: type and id) and destination. Deliveries are claimed in batches
 * with a lease (so several nodes can relay without sending twice), then marked delivered, or
 * rescheduled with doubling back-off and their error kept. A delivery that failed
 * {@code maxAttempts} times or kept failing for {@code maxAge} becomes a dead letter ({@code DEAD},
 * with its last error and attempts): it is no longer retried, and the later events of its ticket
 * (or customer) for that destination wait behind it until it is replayed or discarded
 * ({@link DeadLetters}). A delivery the destination refused for good ({@link DeliveryRefused}) is a
 * dead letter at once. Nothing is dropped silently. A destination whose circuit breaker is open
 * ({@link DestinationBreakers}) is skipped: nothing is sent to it and no attempt counted.
 */
@Component
public class OutboxRelay {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

    private final JdbcClient jdbc;
    private final ProducerTemplate producer;
    private final ObjectMapper json;
    private final SyncProperties.Relay settings;
    private final Clock clock;
    private final DestinationBreakers breakers;
    private final OutboxMetrics metrics;
    private final Destinations destinations;

    /** Exchange property naming the destination a delivery is for (routes serving several read it). */
    static final String DESTINATION_PROPERTY = "kefuDestination";

    OutboxRelay(JdbcClient jdbc, ProducerTemplate producer, ObjectMapper json, SyncProperties properties, Clock clock,
            DestinationBreakers breakers, OutboxMetrics metrics, Destinations destinations) {
        this.destinations = destinations;
        this.breakers = breakers;
        this.metrics = metrics;
        this.jdbc = jdbc;
        this.producer = producer;
        this.json = json;
        this.settings = properties.relay();
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${kefu.sync.relay.poll-interval:PT0.5S}")
    void poll() {
        if (!settings.enabled()) {
            return;
        }
        relayWhileDue();
    }

    /**
     * Passes until one finds less than a batch due. Nothing while Camel is not running: the
     * scheduler starts with the Spring context, Camel's routes a moment later, and a delivery sent
     * before would fail ("CamelContext is stopped"), count an attempt and open its destination's
     * breaker for nothing.
     */
    void relayWhileDue() {
        if (!producer.getCamelContext().isStarted()) {
            return;
        }
        while (relayDue() == settings.batchSize()) {
            // a full batch: more may be waiting, go on without pausing
        }
    }

    /**
     * One pass: claims up to a batch of due deliveries at once, reads them in one query, sends each
     * and marks the delivered ones in one statement.
     *
     * <p>The claim carries a token of this pass, so a delivery claimed by another node is never read
     * or sent here. Sending stops once half the claim lease is used up (a slow destination) and the
     * rest is released for the next pass, so no claim lapses while its delivery is being sent; the
     * first claimed delivery is sent regardless, so a slow database cannot stall the relay. A node
     * that stops between sending and marking sends those deliveries again once their lease ends:
     * delivery is at least once, and receivers deduplicate on the event id ({@code Idempotency-Key},
     * the ERP file name). Returns how many were due, less those its destination's open breaker held back.
     */
    public int relayDue() {
        // Oldest due first, in the order of ix_outbox_delivery_due (status, next_attempt_at): the scan
        // stops after a batch however long the backlog. Ordered by id instead, MariaDB walked the
        // primary key through every delivered row once many were due. Per-aggregate order (a ticket's,
        // a customer's: type and id) comes from the NOT EXISTS, not from this ORDER BY.
        Instant now = clock.instant();
        List<String> reachable = breakers.closedDestinations();
        if (reachable.isEmpty()) {
            return 0;
        }
        List<Long> due = jdbc.sql("""
                SELECT d.id FROM outbox_delivery d
                 WHERE d.status = 'PENDING' AND d.next_attempt_at <= :dueBy AND d.destination IN (:reachable)
                   AND (d.claimed_until IS NULL OR d.claimed_until < :now)
                   AND NOT EXISTS (SELECT 1 FROM outbox_delivery e
                                    WHERE e.destination = d.destination AND e.aggregate_type = d.aggregate_type
                                      AND e.aggregate_id = d.aggregate_id
                                      AND e.status IN ('PENDING', 'DEAD') AND e.event_id < d.event_id)
                 ORDER BY d.next_attempt_at, d.id
                 LIMIT :limit
                """).param("dueBy", Timestamp.from(dueBy(now))).param("now", Timestamp.from(now))
                .param("reachable", reachable).param("limit", settings.batchSize())
                .query(Long.class).list();
        if (due.isEmpty()) {
            return 0;
        }
        String token = UUID.randomUUID().toString();
        Instant leaseEnd = now.plus(settings.claimLease());
        jdbc.sql("""
                UPDATE outbox_delivery SET claimed_until = :until, claimed_by = :token
                 WHERE id IN (:ids) AND status = 'PENDING' AND (claimed_until IS NULL OR claimed_until < :now)
                """).param("until", Timestamp.from(leaseEnd)).param("token", token).param("ids", due)
                .param("now", Timestamp.from(now)).update();
        List<Pending> claimed = jdbc.sql("""
                SELECT d.id, d.destination, d.attempts, d.pending_since, e.id AS event_id, e.event_type, e.event_version,
                       e.aggregate_type, e.aggregate_id, e.payload, e.created_at
                  FROM outbox_delivery d JOIN outbox_event e ON e.id = d.event_id
                 WHERE d.id IN (:ids) AND d.claimed_by = :token
                 ORDER BY d.id
                """).param("ids", due).param("token", token).query((rs, row) -> new Pending(rs.getLong("id"),
                        destinations.named(rs.getString("destination")).orElseThrow(), rs.getInt("attempts"),
                        rs.getLong("event_id"), rs.getString("event_type"), rs.getInt("event_version"),
                        rs.getString("aggregate_type"), rs.getLong("aggregate_id"),
                        rs.getString("payload"), rs.getTimestamp("created_at").toInstant(),
                        rs.getTimestamp("pending_since") == null ? null : rs.getTimestamp("pending_since").toInstant()))
                .list();
        Instant stopSending = now.plus(settings.claimLease().dividedBy(2));
        List<Long> delivered = new ArrayList<>();
        List<Pending> heldBack = new ArrayList<>();
        for (int i = 0; i < claimed.size(); i++) {
            // The first one is always sent, so even a very slow database cannot stall the relay.
            if (i > 0 && clock.instant().isAfter(stopSending)) {
                release(claimed.subList(i, claimed.size()), token);
                break;
            }
            Pending pending = claimed.get(i);
            if (!breakers.permits(pending.destination())) {
                // Its destination's breaker is open: not sent, no attempt counted.
                heldBack.add(pending);
                continue;
            }
            long started = System.nanoTime();
            Throwable error = send(pending);
            if (error == null) {
                breakers.succeeded(pending.destination(), System.nanoTime() - started);
                metrics.delivered(pending.destination());
                delivered.add(pending.id());
            } else {
                Throwable cause = refusalOrDeferral(error);
                breakers.failed(pending.destination(), System.nanoTime() - started, cause);
                metrics.failed(pending.destination());
                failed(pending, cause, token);
            }
        }
        if (!heldBack.isEmpty()) {
            release(heldBack, token);
        }
        if (!delivered.isEmpty()) {
            jdbc.sql("""
                    UPDATE outbox_delivery SET status = 'DELIVERED', attempts = attempts + 1, delivered_at = :at,
                           claimed_until = NULL, claimed_by = NULL, last_error = NULL
                     WHERE id IN (:ids)
                    """).param("at", Timestamp.from(clock.instant())).param("ids", delivered).update();
        }
        // Held-back deliveries do not count: a pass the breaker cut short is not a full batch.
        return due.size() - heldBack.size();
    }

    /** Sends one delivery through its route; the error, or null when the destination took it. */
    private Throwable send(Pending pending) {
        try {
            OutboxDestination destination = pending.destination();
            TicketEventMessage message = TicketEventMessage.of(pending.eventId(), OutboxEventType.named(pending.type()),
                    pending.occurredAt(), json.readTree(pending.payload()));
            Object body = destination.mapping() == null ? message : destination.mapping().apply(json.valueToTree(message));
            Exchange result = producer.send(destination.kind().route(), exchange -> {
                exchange.setProperty(DESTINATION_PROPERTY, destination.name());
                exchange.setProperty("kefuEndpoint", destination.endpoint());
                exchange.setProperty("kefuConnectTimeout", destination.connectTimeout().toMillis());
                exchange.setProperty("kefuResponseTimeout", destination.responseTimeout().toMillis());
                exchange.getIn().setBody(body);
                exchange.getIn().setHeader("kefuEventId", pending.eventId());
                exchange.getIn().setHeader("kefuEventSortKey", sortKey(pending.eventId()));
                exchange.getIn().setHeader("kefuEventType", pending.type());
                exchange.getIn().setHeader("kefuEventVersion", pending.version());
                exchange.getIn().setHeader("kefuAggregateType", pending.aggregateType());
                exchange.getIn().setHeader("kefuAggregateId", pending.aggregateId());
                if (OutboxEventType.TICKET.equals(pending.aggregateType())) {
                    exchange.getIn().setHeader("kefuTicketId", pending.aggregateId());
                }
            });
            return result.getException();
        } catch (JsonProcessingException | RuntimeException e) {
            return e;
        }
    }

    /**
     * The {@link DeliveryRefused} or {@link DeliveryDeferred} somewhere in {@code error}'s causes (a
     * route may wrap it), else {@code error} itself.
     */
    private static Throwable refusalOrDeferral(Throwable error) {
        for (Throwable e = error; e != null; e = e.getCause() == e ? null : e.getCause()) {
            if (e instanceof DeliveryRefused || e instanceof DeliveryDeferred) {
                return e;
            }
        }
        return error;
    }

    /** The event id zero-padded to 12 digits, so names built from it sort in event order. */
    static String sortKey(long eventId) {
        return String.format("%012d", eventId);
    }

    private void release(List<Pending> unsent, String token) {
        jdbc.sql("UPDATE outbox_delivery SET claimed_until = NULL, claimed_by = NULL WHERE id IN (:ids) AND claimed_by = :token")
                .param("ids", unsent.stream().map(Pending::id).toList()).param("token", token).update();
    }

    /**
     * Records a failed attempt: a dead letter once there were too many or it failed too long, else
     * the next attempt after the back-off. Only while this pass still holds the claim: if the lease
     * lapsed during a slow send, another node may have claimed the delivery since and sent it (or be
     * sending it); its claim and its outcome stand, and a success there is never turned into a dead
     * letter here.
     */
    private void failed(Pending pending, Throwable error, String token) {
        int attempts = pending.attempts() + 1;
        String reason = error.getClass().getSimpleName() + ": " + error.getMessage();
        String kept = reason.length() > 1000 ? reason.substring(0, 1000) : reason;
        Instant now = clock.instant();
        boolean tooMany = attempts >= settings.maxAttempts();
        boolean tooOld = !pending.failingSince().plus(settings.maxAge()).isAfter(now);
        boolean refused = error instanceof DeliveryRefused;
        if (tooMany || tooOld || refused) {
            int dead = jdbc.sql("""
                    UPDATE outbox_delivery SET status = 'DEAD', attempts = ?, dead_at = ?, claimed_until = NULL,
                           claimed_by = NULL, last_error = ?
                     WHERE id = ? AND claimed_by = ?
                    """).params(attempts, Timestamp.from(now), kept, pending.id(), token).update();
            if (dead == 0) {
                lostClaim(pending, reason);
                return;
            }
            log.error("Delivery of event {} ({}) to {} is a dead letter after {} attempts ({}): {}", pending.eventId(),
                    pending.type(), pending.destination().key(), attempts, refused ? "refused by the destination"
                            : tooMany ? "max attempts " + settings.maxAttempts() : "older than " + settings.maxAge(),
                    reason);
            return;
        }
        Duration backoff = backoff(attempts);
        int rescheduled = jdbc.sql("""
                UPDATE outbox_delivery SET attempts = ?, next_attempt_at = ?, claimed_until = NULL, claimed_by = NULL,
                       last_error = ?
                 WHERE id = ? AND claimed_by = ?
                """).params(attempts, Timestamp.from(now.plus(backoff)), kept, pending.id(), token)
                .update();
        if (rescheduled == 0) {
            lostClaim(pending, reason);
            return;
        }
        log.warn("Delivery of event {} ({}) to {} failed (attempt {}), retrying in {}: {}", pending.eventId(),
                pending.type(), pending.destination().key(), attempts, backoff, reason);
    }

    private void lostClaim(Pending pending, String reason) {
        log.warn("Delivery of event {} ({}) to {} failed after this node's claim had lapsed (claim lease {}); "
                + "another relay has taken it over, so this attempt changes nothing: {}", pending.eventId(),
                pending.type(), pending.destination().key(), settings.claimLease(), reason);
    }

    /**
     * The latest {@code next_attempt_at} that is due at {@code now}. The columns keep milliseconds
     * and H2 rounds half up: a delivery made due "now" a moment ago can be stored up to half a
     * millisecond later than the clock read, and a pass right after it would skip it. Everything
     * within the current millisecond counts as due.
     */
    static Instant dueBy(Instant now) {
        return now.truncatedTo(ChronoUnit.MILLIS).plusMillis(1);
    }

    /** First retry after {@code firstRetry}, doubling per attempt, capped at {@code maxRetry}. */
    Duration backoff(int attempts) {
        Duration wait = settings.firstRetry();
        for (int i = 1; i < attempts && wait.compareTo(settings.maxRetry()) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(settings.maxRetry()) > 0 ? settings.maxRetry() : wait;
    }

    private record Pending(long id, OutboxDestination destination, int attempts, long eventId, String type,
            int version, String aggregateType, long aggregateId, String payload, Instant occurredAt,
            Instant pendingSince) {

        /** Failing since the event, or since it was last replayed. */
        Instant failingSince() {
            return pendingSince == null ? occurredAt : pendingSince;
        }
    }
}
