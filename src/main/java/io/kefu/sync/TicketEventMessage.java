package io.kefu.sync;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * The JSON every destination receives for one outbox event ({@code docs/events/kefu-events-v1.schema.json}).
 * {@code eventId} is unique and stable across retries: receivers use it as the idempotency key. A
 * ticket fact carries {@code ticket} alone, as it always has; a message event {@code ticket} and
 * {@code message}, a note {@code ticket} and {@code note}, {@code customer.changed} only
 * {@code customer}. The parts an event has not are left out.
 *
 * @param eventId    outbox event id
 * @param type       e.g. {@code ticket.routed}
 * @param occurredAt when the change happened
 * @param ticket     the ticket right after the change
 * @param message    the message stored ({@code message.received}, {@code message.sent})
 * @param note       the internal note stored ({@code ticket.note_added})
 * @param customer   the customer's profile right after the change ({@code customer.changed})
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TicketEventMessage(long eventId, String type, Instant occurredAt, JsonNode ticket, JsonNode message,
        JsonNode note, JsonNode customer) {

    /**
     * The message of a stored event: {@code payload} is the ticket itself for a ticket fact, else
     * the object of the parts beside the envelope.
     */
    static TicketEventMessage of(long eventId, OutboxEventType type, Instant occurredAt, JsonNode payload) {
        if (type.payloadIsTicket()) {
            return new TicketEventMessage(eventId, type.typeName(), occurredAt, payload, null, null, null);
        }
        return new TicketEventMessage(eventId, type.typeName(), occurredAt, payload.get("ticket"),
                payload.get("message"), payload.get("note"), payload.get("customer"));
    }
}
