package io.kefu.sync;

import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.kefu.conversation.Direction;
import io.kefu.conversation.MessageAppended;
import io.kefu.customer.CustomerChanged;
import io.kefu.ticket.TicketAbandoned;
import io.kefu.ticket.TicketAssigned;
import io.kefu.ticket.TicketBotAnswered;
import io.kefu.ticket.TicketChanged;
import io.kefu.ticket.TicketClosed;
import io.kefu.ticket.TicketCustomerSoothed;
import io.kefu.ticket.TicketMerged;
import io.kefu.ticket.TicketNoteAdded;
import io.kefu.ticket.TicketOpened;
import io.kefu.ticket.TicketPriorityChanged;
import io.kefu.ticket.TicketReopened;
import io.kefu.ticket.TicketResolved;
import io.kefu.ticket.TicketRouted;
import io.kefu.ticket.TicketSlaBreached;
import io.kefu.ticket.TicketSlaWarning;
import io.kefu.ticket.TicketTransferred;
import io.kefu.ticket.TicketUnassigned;

/**
 * The outbox's name, aggregate and payload schema version for each fact back-office systems get.
 * The name is a published contract — the JSON's {@code type}, the CRM's {@code X-Kefu-Event-Type}
 * header, the RabbitMQ routing key, stored in {@code outbox_event.event_type} — so it never changes
 * when a Java record is renamed; the version ({@code outbox_event.event_version}) is raised when
 * the payload of that event changes shape (docs/EVENTS.md, "Versions"). Every {@link TicketChanged}
 * record must have an entry: a missing one fails at start-up. Each name is described in
 * {@code docs/events/kefu-events-v1.schema.json}.
 */
enum OutboxEventType {

    OPENED(TicketOpened.class, "ticket.opened", 1),
    BOT_ANSWERED(TicketBotAnswered.class, "ticket.bot_answered", 1),
    ROUTED(TicketRouted.class, "ticket.routed", 1),
    ASSIGNED(TicketAssigned.class, "ticket.assigned", 1),
    UNASSIGNED(TicketUnassigned.class, "ticket.unassigned", 1),
    RESOLVED(TicketResolved.class, "ticket.resolved", 1),
    REOPENED(TicketReopened.class, "ticket.reopened", 1),
    CLOSED(TicketClosed.class, "ticket.closed", 1),
    SLA_WARNING(TicketSlaWarning.class, "ticket.sla_warning", 1),
    SLA_BREACHED(TicketSlaBreached.class, "ticket.sla_breached", 1),
    ABANDONED(TicketAbandoned.class, "ticket.abandoned", 1),
    CUSTOMER_SOOTHED(TicketCustomerSoothed.class, "ticket.customer_soothed", 1),
    TRANSFERRED(TicketTransferred.class, "ticket.transferred", 1),
    PRIORITY_CHANGED(TicketPriorityChanged.class, "ticket.priority_changed", 1),
    MERGED(TicketMerged.class, "ticket.merged", 1),
    /** A customer's message stored on a ticket ({@link Direction#INBOUND}), any channel. */
    MESSAGE_RECEIVED(MessageAppended.class, "message.received", 1),
    /** A message to the customer stored on a ticket ({@link Direction#OUTBOUND}): agent, bot, notice. */
    MESSAGE_SENT(MessageAppended.class, "message.sent", 1),
    NOTE_ADDED(TicketNoteAdded.class, "ticket.note_added", 1),
    CUSTOMER_CHANGED(CustomerChanged.class, "customer.changed", 1);

    /** {@code outbox_event.aggregate_type} of every event but the customer's. */
    static final String TICKET = "ticket";
    /** {@code outbox_event.aggregate_type} of {@code customer.changed}: its aggregate id is the customer's id. */
    static final String CUSTOMER = "customer";

    private static final Map<Class<?>, OutboxEventType> BY_RECORD = Arrays.stream(values())
            .filter(t -> TicketChanged.class.isAssignableFrom(t.record))
            .collect(Collectors.toUnmodifiableMap(t -> t.record, Function.identity()));
    private static final Map<String, OutboxEventType> BY_NAME = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(t -> t.typeName, Function.identity()));

    static {
        for (Class<?> fact : TicketChanged.class.getPermittedSubclasses()) {
            if (!BY_RECORD.containsKey(fact)) {
                throw new IllegalStateException("No outbox event type for " + fact.getSimpleName());
            }
        }
    }

    private final Class<?> record;
    private final String typeName;
    private final int version;

    OutboxEventType(Class<?> record, String typeName, int version) {
        this.record = record;
        this.typeName = typeName;
        this.version = version;
    }

    static OutboxEventType of(TicketChanged fact) {
        return BY_RECORD.get(fact.getClass());
    }

    /** {@code message.received} for a customer's message, {@code message.sent} for one to the customer. */
    static OutboxEventType of(MessageAppended fact) {
        return fact.message().direction() == Direction.INBOUND ? MESSAGE_RECEIVED : MESSAGE_SENT;
    }

    /** The type stored under this name. */
    static OutboxEventType named(String typeName) {
        OutboxEventType type = BY_NAME.get(typeName);
        if (type == null) {
            throw new IllegalArgumentException("Unknown outbox event type " + typeName);
        }
        return type;
    }

    /** Stable name, e.g. {@code ticket.routed}. */
    String typeName() {
        return typeName;
    }

    /** Schema version of this event's payload (for the ticket facts, 1 = the ticket as {@code TicketView} JSON). */
    int version() {
        return version;
    }

    /** {@link #CUSTOMER} for {@code customer.changed}, else {@link #TICKET}. */
    String aggregateType() {
        return this == CUSTOMER_CHANGED ? CUSTOMER : TICKET;
    }

    /**
     * Whether {@code outbox_event.payload} is the ticket itself (the ticket facts, as ever since
     * V1), rather than an object of the body's fields beside the envelope ({@code ticket} and
     * {@code message}, {@code ticket} and {@code note}, {@code customer}).
     */
    boolean payloadIsTicket() {
        return TicketChanged.class.isAssignableFrom(record);
    }
}
