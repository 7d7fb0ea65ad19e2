package io.kefu.lifecycle;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import io.kefu.ticket.TicketService;
import io.kefu.ticket.TicketView;

/**
 * Implements {@code Task_OpenToWholeQueue}, after {@code BoundaryEvent_SkillsTimeout}: the ticket no
 * longer waits for an agent with its skills and language; once this commits, any online agent of its
 * queue with room gets it.
 */
@Component("openToWholeQueueDelegate")
class OpenToWholeQueueDelegate implements JavaDelegate {

    private final TicketService tickets;
    private final TicketAssignment assignment;

    OpenToWholeQueueDelegate(TicketService tickets, TicketAssignment assignment) {
        this.tickets = tickets;
        this.assignment = assignment;
    }

    @Override
    public void execute(DelegateExecution execution) {
        TicketView ticket = tickets.openToWholeQueue(TicketVariables.ticketId(execution));
        assignment.drainAfterCommit(ticket.queue());
    }
}
