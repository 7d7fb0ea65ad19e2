package io.kefu.lifecycle;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import io.kefu.ticket.TicketService;

/** Implements {@code Task_NoteCustomerMessage}: records that the customer wrote again on an open ticket. */
@Component("noteCustomerMessageDelegate")
class NoteCustomerMessageDelegate implements JavaDelegate {

    private final TicketService tickets;

    NoteCustomerMessageDelegate(TicketService tickets) {
        this.tickets = tickets;
    }

    @Override
    public void execute(DelegateExecution execution) {
        tickets.noteCustomerMessage(TicketVariables.ticketId(execution));
    }
}
