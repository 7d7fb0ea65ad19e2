package io.kefu.sync;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

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
 * ticket and destination. A delivery is claimed with a lease (so several nodes can relay without
 * sending twice), then marked delivered, or rescheduled with doubling back-off and its error
 * kept. Nothing is ever dropped: a failing destination is retried at the back-off cap until it
 * answers.
 */
@Component
public class OutboxRelay {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

    private final JdbcClient jdbc;
    private final ProducerTemplate producer;
    private final ObjectMapper json;
    private final SyncProperties.Relay settings;
    private final Clock clock;

    OutboxRelay(JdbcClient jdbc, ProducerTemplate producer, ObjectMapper json, SyncProperties properties, Clock clock) {
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
        while (relayDue() == settings.batchSize()) {
            // a full batch: more may be waiting, go on without pausing
        }
    }

    /** One pass: claims up to a batch of due deliveries and sends each. Returns how many were due. */
    public int relayDue() {
        Instant now = clock.instant();
        List<Long> due = jdbc.sql("""
                SELECT d.id FROM outbox_delivery d
                 WHERE d.status = 'PENDING' AND d.next_attempt_at <= :now
                   AND (d.claimed_until IS NULL OR d.claimed_until < :now)
                   AND NOT EXISTS (SELECT 1 FROM outbox_delivery e
                                    WHERE e.destination = d.destination AND e.aggregate_id = d.aggregate_id
                                      AND e.status = 'PENDING' AND e.event_id < d.event_id)
                 ORDER BY d.id
                 LIMIT :limit
                """).param("now", Timestamp.from(now)).param("limit", settings.batchSize())
                .query(Long.class).list();
        for (long deliveryId : due) {
            if (claim(deliveryId, now)) {
                send(deliveryId);
            }
        }
        return due.size();
    }

    private boolean claim(long deliveryId, Instant now) {
        return jdbc.sql("""
                UPDATE outbox_delivery SET claimed_until = ?
                 WHERE id = ? AND status = 'PENDING' AND (claimed_until IS NULL OR claimed_until < ?)
                """).params(Timestamp.from(now.plus(settings.claimLease())), deliveryId, Timestamp.from(now))
                .update() == 1;
    }

    private void send(long deliveryId) {
        Pending pending = jdbc.sql("""
                SELECT d.id, d.destination, d.attempts, e.id AS event_id, e.event_type, e.aggregate_id, e.payload,
                       e.created_at
                  FROM outbox_delivery d JOIN outbox_event e ON e.id = d.event_id
                 WHERE d.id = ?
                """).param(deliveryId).query((rs, row) -> new Pending(rs.getLong("id"),
                        OutboxDestination.ofKey(rs.getString("destination")), rs.getInt("attempts"),
                        rs.getLong("event_id"), rs.getString("event_type"), rs.getLong("aggregate_id"),
                        rs.getString("payload"), rs.getTimestamp("created_at").toInstant()))
                .single();
        Exchange result;
        try {
            TicketEventMessage message = new TicketEventMessage(pending.eventId(), pending.type(), pending.occurredAt(),
                    json.readTree(pending.payload()));
            result = producer.send(pending.destination().endpoint(), exchange -> {
                exchange.getIn().setBody(message);
                exchange.getIn().setHeader("kefuEventId", pending.eventId());
                exchange.getIn().setHeader("kefuEventType", pending.type());
                exchange.getIn().setHeader("kefuTicketId", pending.ticketId());
            });
        } catch (JsonProcessingException | RuntimeException e) {
            failed(pending, e);
            return;
        }
        if (result.getException() != null) {
            failed(pending, result.getException());
        } else {
            jdbc.sql("""
                    UPDATE outbox_delivery SET status = 'DELIVERED', attempts = attempts + 1, delivered_at = ?,
                           claimed_until = NULL, last_error = NULL
                     WHERE id = ?
                    """).params(Timestamp.from(clock.instant()), pending.id()).update();
        }
    }

    private void failed(Pending pending, Throwable error) {
        int attempts = pending.attempts() + 1;
        Duration backoff = backoff(attempts);
        String reason = error.getClass().getSimpleName() + ": " + error.getMessage();
        log.warn("Delivery of event {} ({}) to {} failed (attempt {}), retrying in {}: {}", pending.eventId(),
                pending.type(), pending.destination().key(), attempts, backoff, reason);
        jdbc.sql("""
                UPDATE outbox_delivery SET attempts = ?, next_attempt_at = ?, claimed_until = NULL, last_error = ?
                 WHERE id = ?
                """).params(attempts, Timestamp.from(clock.instant().plus(backoff)),
                        reason.length() > 1000 ? reason.substring(0, 1000) : reason, pending.id())
                .update();
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
            long ticketId, String payload, Instant occurredAt) {
    }
}
