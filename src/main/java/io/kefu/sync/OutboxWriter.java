package io.kefu.sync;

import java.sql.Timestamp;
import java.time.Instant;
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
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import io.kefu.chat.AttachmentService;
import io.kefu.conversation.MessageAppended;
import io.kefu.customer.CustomerChanged;
import io.kefu.ticket.TicketChanged;
import io.kefu.ticket.TicketNoteAdded;
import io.kefu.ticket.TicketService;

/**
 * Writes each ticket change, message, internal note and customer change into the outbox, under its
 * stable name and schema version ({@link OutboxEventType}), inside the transaction that made the
 * change ({@link Propagation#MANDATORY}: a change outside a transaction is a programming error), with
 * one pending delivery per enabled destination that takes its type ({@link OutboxDestination#takes}).
 *
 * <p>A message is written when its transaction commits (just before, in it): a file is attached to
 * a message after the message is stored, and the event carries the attachments and the ticket as
 * the transaction leaves them. So a message event follows the ticket events of the same
 * transaction (a customer's first message comes after {@code ticket.opened}).
 */
@Component
class OutboxWriter {

    private final JdbcClient jdbc;
    private final ObjectMapper json;
    private final List<OutboxDestination> destinations;
    private final TicketService tickets;
    private final AttachmentService attachments;

    OutboxWriter(JdbcClient jdbc, ObjectMapper json, Destinations destinations, TicketService tickets,
            AttachmentService attachments) {
        this.jdbc = jdbc;
        this.json = json;
        this.destinations = destinations.enabled();
        this.tickets = tickets;
        this.attachments = attachments;
    }

    @EventListener
    @Transactional(propagation = Propagation.MANDATORY)
    void on(TicketChanged event) {
        write(OutboxEventType.of(event), event.ticketId(), payload(event.ticket()), event.occurredAt());
    }

    @EventListener
    @Transactional(propagation = Propagation.MANDATORY)
    void on(TicketNoteAdded event) {
        write(OutboxEventType.NOTE_ADDED, event.ticket().id(),
                payload(new OutboxPayloads.NoteEvent(event.ticket(), OutboxPayloads.NoteBody.of(event.note()))),
                event.occurredAt());
    }

    @EventListener
    @Transactional(propagation = Propagation.MANDATORY)
    void on(CustomerChanged event) {
        write(OutboxEventType.CUSTOMER_CHANGED, event.customer().id(),
                payload(new OutboxPayloads.CustomerEvent(event.customer())), event.occurredAt());
    }

    @EventListener
    @Transactional(propagation = Propagation.MANDATORY)
    void on(MessageAppended event) {
        // Registered in message order: several messages of one transaction keep their order.
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void beforeCommit(boolean readOnly) {
                long messageId = event.message().id();
                var message = OutboxPayloads.MessageBody.of(event.message(), event.channel(),
                        attachments.of(List.of(messageId)).getOrDefault(messageId, List.of()));
                long ticketId = event.message().ticketId();
                write(OutboxEventType.of(event), ticketId,
                        payload(new OutboxPayloads.MessageEvent(tickets.get(ticketId), message)),
                        event.message().createdAt());
            }
        });
    }

    private void write(OutboxEventType type, long aggregateId, String payload, Instant occurredAt) {
        Timestamp at = Timestamp.from(occurredAt);
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO outbox_event (event_type, event_version, aggregate_type, aggregate_id, payload, created_at)
                VALUES (?, ?, ?, ?, ?, ?)
                """).params(type.typeName(), type.version(), type.aggregateType(), aggregateId, payload, at)
                .update(keys, "id");
        long eventId = keys.getKeyAs(Number.class).longValue();
        for (OutboxDestination destination : destinations) {
            if (!destination.takes(type.typeName())) {
                continue;
            }
            jdbc.sql("""
                    INSERT INTO outbox_delivery (event_id, destination, aggregate_type, aggregate_id, status, attempts,
                                                 next_attempt_at)
                    VALUES (?, ?, ?, ?, 'PENDING', 0, ?)
                    """).params(eventId, destination.key(), type.aggregateType(), aggregateId, at).update();
        }
    }

    private String payload(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot serialise " + value.getClass().getSimpleName(), e);
        }
    }
}
