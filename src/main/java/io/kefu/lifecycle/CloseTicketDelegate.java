package io.kefu.lifecycle;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import io.kefu.ticket.TicketService;

/** Implements {@code Task_CloseTicket}: closes the resolved ticket when no reply came before auto-close. */
@Component("closeTicketDelegate")
class CloseTicketDelegate implements JavaDelegate {

    private final TicketService tickets;

    CloseTicketDelegate(TicketService tickets) {
        this.tickets = tickets;
    }

    @Override
    public void execute(DelegateExecution execution) {
        tickets.close(TicketVariables.ticketId(execution));
    }
}
