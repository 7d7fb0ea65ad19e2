package io.kefu.lifecycle;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

import io.kefu.ticket.TicketService;

/**
 * Listens to assignment of {@code Task_AgentWork}, wherever the claim comes from (Kefu's
 * workspace, Camunda Tasklist, the REST API), and assigns or releases the ticket to match.
 */
@Component("ticketAssignmentListener")
class TicketAssignmentListener implements TaskListener {

    private final TicketService tickets;

    TicketAssignmentListener(TicketService tickets) {
        this.tickets = tickets;
    }

    @Override
    public void notify(DelegateTask task) {
        long ticketId = TicketVariables.ticketId(task);
        if (task.getAssignee() == null) {
            tickets.release(ticketId);
        } else {
            tickets.assign(ticketId, task.getAssignee());
        }
    }
}
