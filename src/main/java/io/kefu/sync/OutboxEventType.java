package io.kefu.sync;

import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.kefu.ticket.TicketAbandoned;
import io.kefu.ticket.TicketAssigned;
import io.kefu.ticket.TicketBotAnswered;
import io.kefu.ticket.TicketChanged;
import io.kefu.ticket.TicketClosed;
import io.kefu.ticket.TicketCustomerSoothed;
import io.kefu.ticket.TicketMerged;
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
 * The outbox's name and payload schema version for each ticket fact. The name is a published
 * contract — the CRM's {@code type} field and {@code X-Kefu-Event-Type} header, stored in
 * {@code outbox_event.event_type} — so it never changes when a Java record is renamed; the version
 * ({@code outbox_event.event_version}) is raised when the payload for that fact changes shape.
 * Every {@link TicketChanged} record must have an entry: a missing one fails at start-up.
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
    MERGED(TicketMerged.class, "ticket.merged", 1);

    private static final Map<Class<?>, OutboxEventType> BY_RECORD = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(t -> t.record, Function.identity()));

    static {
        for (Class<?> fact : TicketChanged.class.getPermittedSubclasses()) {
            if (!BY_RECORD.containsKey(fact)) {
                throw new IllegalStateException("No outbox event type for " + fact.getSimpleName());
            }
        }
    }

    private final Class<? extends TicketChanged> record;
    private final String typeName;
    private final int version;

    OutboxEventType(Class<? extends TicketChanged> record, String typeName, int version) {
        this.record = record;
        this.typeName = typeName;
        this.version = version;
    }

    static OutboxEventType of(TicketChanged fact) {
        return BY_RECORD.get(fact.getClass());
    }

    /** Stable name, e.g. {@code ticket.routed}. */
    String typeName() {
        return typeName;
    }

    /** Schema version of this fact's payload; 1 = the ticket as {@code TicketView} JSON. */
    int version() {
        return version;
    }
}
