package io.kefu.ticket;

import java.time.Instant;

/**
 * A ticket state change: one record per fact ({@link TicketOpened}, {@link TicketRouted}, …),
 * published synchronously inside the transaction that made it, so whatever a listener writes
 * (the outbox row, the process instance) commits or rolls back with the change. Listen to one
 * record for one fact; listen to this interface for every change.
 */
public sealed interface TicketChanged
        permits TicketOpened, TicketBotAnswered, TicketRouted, TicketAssigned, TicketUnassigned, TicketResolved,
        TicketReopened, TicketClosed, TicketSlaWarning, TicketSlaBreached, TicketAbandoned,
        TicketCustomerSoothed, TicketTransferred, TicketPriorityChanged, TicketMerged {

    /** The ticket right after the change. */
    TicketView ticket();

    /** When the change happened. */
    Instant occurredAt();

    default long ticketId() {
        return ticket().id();
    }
}
