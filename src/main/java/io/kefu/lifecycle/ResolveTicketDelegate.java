package io.kefu.lifecycle;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import io.kefu.ticket.TicketService;

/** Implements {@code Task_MarkResolved}: marks the ticket resolved once the agent completed their task. */
@Component("resolveTicketDelegate")
class ResolveTicketDelegate implements JavaDelegate {

    private final TicketService tickets;

    ResolveTicketDelegate(TicketService tickets) {
        this.tickets = tickets;
    }

    @Override
    public void execute(DelegateExecution execution) {
        tickets.resolve(TicketVariables.ticketId(execution));
    }
}
