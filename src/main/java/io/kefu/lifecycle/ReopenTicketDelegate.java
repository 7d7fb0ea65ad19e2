package io.kefu.lifecycle;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import io.kefu.ticket.TicketService;

/** Implements {@code Task_ReopenTicket}: reopens a resolved ticket the customer replied to; it is routed again. */
@Component("reopenTicketDelegate")
class ReopenTicketDelegate implements JavaDelegate {

    private final TicketService tickets;

    ReopenTicketDelegate(TicketService tickets) {
        this.tickets = tickets;
    }

    @Override
    public void execute(DelegateExecution execution) {
        tickets.reopen(TicketVariables.ticketId(execution));
    }
}
