package io.kefu.lifecycle;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import io.kefu.ticket.TicketService;

/** Implements {@code Task_ResolveByBot}: the customer accepted the bot's answer; resolved without an agent. */
@Component("resolveByBotDelegate")
class ResolveByBotDelegate implements JavaDelegate {

    private final TicketService tickets;

    ResolveByBotDelegate(TicketService tickets) {
        this.tickets = tickets;
    }

    @Override
    public void execute(DelegateExecution execution) {
        tickets.resolveByBot(TicketVariables.ticketId(execution));
    }
}
