package io.kefu.sla;

import java.time.Duration;

import org.springframework.stereotype.Service;

import io.kefu.ticket.SlaTerms;
import io.kefu.ticket.TicketService;
import io.kefu.ticket.TicketView;

/**
 * The SLA side of the ticket's life: the terms of its policy (targets and calendar) for the
 * ticket to keep its clocks with, and the moments that move them — routing starts them, an
 * agent's reply stops the response clocks and pauses resolution, a customer message starts the
 * next-response clock and resumes resolution. "Waiting for the customer" is defined as: from an
 * agent's reply until the customer writes again.
 */
@Service
public class SlaClocks {

    private final SlaPolicies policies;
    private final TicketService tickets;

    SlaClocks(SlaPolicies policies, TicketService tickets) {
        this.policies = policies;
        this.tickets = tickets;
    }

    /** The terms that hold this ticket: its policy's targets for its tier, priority and channel. */
    public SlaTerms termsFor(TicketView ticket) {
        String policy = ticket.sla() == null ? null : ticket.sla().policy();
        SlaTargets targets = policies.targets(policy, ticket.customerTier(), ticket.priority(), ticket.channel());
        return new SlaTerms(targets.policy(), targets.firstResponse(), targets.nextResponse(), targets.resolution(),
                targets.calendar());
    }

    /** An agent replied on the ticket. */
    public TicketView agentReplied(long ticketId) {
        return tickets.agentReplied(ticketId);
    }

    /** The customer wrote again on an open ticket; it needs an answer. */
    public TicketView customerWrote(long ticketId) {
        return tickets.noteCustomerMessage(ticketId, this::termsFor);
    }

    /** Records the warnings and breaches due by now. */
    public TicketView check(long ticketId) {
        return tickets.checkSla(ticketId);
    }

    /** {@code amount} of business time in the calendar of the ticket's policy, as a timer reads it. */
    public BusinessDuration businessTime(TicketView ticket, Duration amount) {
        String policy = ticket.sla() == null ? null : ticket.sla().policy();
        return new BusinessDuration(policies.calendarOf(policy).name(), amount);
    }
}
