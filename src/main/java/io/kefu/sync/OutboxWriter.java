package io.kefu.sync;

import java.sql.Timestamp;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import io.kefu.ticket.TicketChanged;

/**
 * Writes each ticket change into the outbox, under its stable name and schema version
 * ({@link OutboxEventType}), inside the transaction that made the change
 * ({@link Propagation#MANDATORY}: a change outside a transaction is a programming error), with
 * one pending delivery per enabled destination that takes its type ({@link OutboxDestination#takes}).
 */
@Component
class OutboxWriter {

    private final JdbcClient jdbc;
    private final ObjectMapper json;
    private final List<OutboxDestination> destinations;

    OutboxWriter(JdbcClient jdbc, ObjectMapper json, Destinations destinations) {
        this.jdbc = jdbc;
        this.json = json;
        this.destinations = destinations.enabled();
    }

    @EventListener
    @Transactional(propagation = Propagation.MANDATORY)
    void on(TicketChanged event) {
        OutboxEventType type = OutboxEventType.of(event);
        Timestamp at = Timestamp.from(event.occurredAt());
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO outbox_event (event_type, event_version, aggregate_type, aggregate_id, payload, created_at)
                VALUES (?, ?, 'ticket', ?, ?, ?)
                """).params(type.typeName(), type.version(), event.ticketId(), payload(event), at).update(keys, "id");
        long eventId = keys.getKeyAs(Number.class).longValue();
        for (OutboxDestination destination : destinations) {
            if (!destination.takes(type.typeName())) {
                continue;
            }
            jdbc.sql("""
                    INSERT INTO outbox_delivery (event_id, destination, aggregate_id, status, attempts, next_attempt_at)
                    VALUES (?, ?, ?, 'PENDING', 0, ?)
                    """).params(eventId, destination.key(), event.ticketId(), at).update();
        }
    }

    private String payload(TicketChanged event) {
        try {
            return json.writeValueAsString(event.ticket());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot serialise ticket " + event.ticketId(), e);
        }
    }
}
