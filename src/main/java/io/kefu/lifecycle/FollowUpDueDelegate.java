package io.kefu.lifecycle;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import io.kefu.ticket.TicketService;

/**
 * Implements {@code Task_FollowUpDue}, after {@code Timer_FollowUpDue} of
 * {@code SubProcess_WaitForCustomer}: the ticket comes back to its agent (an internal note, a notice
 * on their workspace), unless the customer answered, the agent stopped waiting or moved the
 * follow-up later, or the ticket left the agents' hands.
 */
@Component("followUpDueDelegate")
class FollowUpDueDelegate implements JavaDelegate {

    private final TicketService tickets;

    FollowUpDueDelegate(TicketService tickets) {
        this.tickets = tickets;
    }

    @Override
    public void execute(DelegateExecution execution) {
        tickets.followUpDue(TicketVariables.ticketId(execution));
    }
}
