package io.kefu.ticket;

import java.util.Collection;
import java.util.Objects;
import java.util.Set;

/**
 * Which tickets a caller may see and work on: every ticket, or only those of their queues and those
 * assigned to them. {@link TicketService#find(long, TicketAccess)} and
 * {@link TicketService#get(long, TicketAccess)} filter by it in the query, so a ticket out of reach
 * reads exactly like a missing one (404, same body). Built from the caller's login outside this
 * module (the security package decides which authorities reach every ticket).
 *
 * @param userId      who asks: a user id, or {@code token:<name>} for an API token
 * @param queues      the caller's groups; each queue is a group of its agents
 * @param everyTicket true for supervisors, admins and ticket-scoped API tokens
 */
public record TicketAccess(String userId, Set<String> queues, boolean everyTicket) {

    public TicketAccess {
        Objects.requireNonNull(userId, "userId");
        queues = Set.copyOf(queues);
    }

    /** Sees and works on every ticket. */
    public static TicketAccess everyTicket(String userId) {
        return new TicketAccess(userId, Set.of(), true);
    }

    /** Whether this caller reaches the ticket: the rule {@code TicketRepository.findVisible} asks in SQL. */
    public boolean reaches(TicketView ticket) {
        return everyTicket || userId.equals(ticket.assignee()) || (ticket.queue() != null && queues.contains(ticket.queue()));
    }

    /** Sees and works on tickets of these queues and tickets assigned to {@code userId}. */
    public static TicketAccess queuesOf(String userId, Collection<String> queues) {
        return new TicketAccess(userId, Set.copyOf(queues), false);
    }
}
