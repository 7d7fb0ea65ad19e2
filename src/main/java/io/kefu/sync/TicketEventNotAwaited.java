package io.kefu.sync;

import java.util.Set;

/**
 * No process of the ticket waits for the message an inbound {@code ticket.event} names (409).
 * Thrown by whoever correlates {@link TicketEventReceived}.
 */
public class TicketEventNotAwaited extends RuntimeException {

    private final Set<String> awaited;

    public TicketEventNotAwaited(long ticketId, String name, Set<String> awaited) {
        super("Ticket " + ticketId + " is not waiting for the message '" + name + "'"
                + (awaited.isEmpty() ? " (it waits for no business event)" : " (it waits for " + String.join(", ", awaited.stream().sorted().toList()) + ")"));
        this.awaited = Set.copyOf(awaited);
    }

    /** The business events the ticket's processes do wait for now. */
    public Set<String> awaited() {
        return awaited;
    }
}
