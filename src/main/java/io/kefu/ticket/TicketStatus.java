package io.kefu.ticket;

/** Where a ticket stands in its lifecycle. */
public enum TicketStatus {
    /** Opened by intake; triage and routing have not finished yet. */
    NEW,
    /** The bot answered from the knowledge base; waiting for the customer to say whether it helped. */
    BOT_ANSWERED,
    /** Routed to a queue; waiting for an agent. */
    QUEUED,
    /** Claimed by an agent. */
    ASSIGNED,
    /** The agent (or bot) resolved it; a customer reply reopens it until it closes. */
    RESOLVED,
    /** Final. A later message from the customer opens a new ticket. */
    CLOSED;

    /** Whether a customer message belongs to this ticket rather than opening a new one. */
    public boolean isOpen() {
        return this != CLOSED;
    }
}
