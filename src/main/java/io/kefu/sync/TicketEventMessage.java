package io.kefu.sync;

import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The JSON every destination receives for one ticket event. {@code eventId} is unique and stable
 * across retries: receivers use it as the idempotency key.
 *
 * @param eventId    outbox event id
 * @param type       e.g. {@code ticket.routed}
 * @param occurredAt when the change happened
 * @param ticket     the ticket right after the change
 */
public record TicketEventMessage(long eventId, String type, Instant occurredAt, JsonNode ticket) {
}
