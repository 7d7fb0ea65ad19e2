package io.kefu.ticket;

import java.time.Instant;

/**
 * A ticket state change, published synchronously inside the transaction that made it, so the
 * outbox row and the change commit together.
 *
 * @param type       what happened
 * @param ticket     the ticket right after the change
 * @param occurredAt when it happened
 */
public record TicketEvent(Type type, TicketView ticket, Instant occurredAt) {

    /** The kinds of state change; the name is used as the outbox event type. */
    public enum Type {
        OPENED, BOT_ANSWERED, ROUTED, ASSIGNED, UNASSIGNED, RESOLVED, REOPENED, CLOSED;

        /** Event type name used in the outbox and in integrations, e.g. {@code ticket.routed}. */
        public String eventName() {
            return "ticket." + name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public long ticketId() {
        return ticket.id();
    }
}
