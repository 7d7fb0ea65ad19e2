package io.kefu.lifecycle;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import io.kefu.ticket.TicketService;

/**
 * Implements {@code Task_ResolveRefunded}: the refund sub-process ended with the ERP's "refund
 * completed"; the bots did the work, so the ticket is resolved by the bot without an agent.
 */
@Component("resolveRefundedDelegate")
class ResolveRefundedDelegate implements JavaDelegate {

    private final TicketService tickets;

    ResolveRefundedDelegate(TicketService tickets) {
        this.tickets = tickets;
    }

    @Override
    public void execute(DelegateExecution execution) {
        tickets.resolveByBot(TicketVariables.ticketId(execution));
    }
}
