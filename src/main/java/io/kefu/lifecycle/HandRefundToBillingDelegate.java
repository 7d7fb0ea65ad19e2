package io.kefu.lifecycle;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import io.kefu.ticket.TicketService;
import io.kefu.ticket.Topic;

/**
 * Implements {@code Task_HandRefundToBilling}: the bots could not finish the refund (not eligible,
 * no such order, the ERP refused or failed, a timeout). The ticket's topic becomes BILLING, so the
 * routing that follows puts it in the billing queue; what the bots found stays in the process
 * variables ({@code botFindings}, {@code orderStatus}, ...) on the ticket page and in Cockpit.
 */
@Component("handRefundToBillingDelegate")
class HandRefundToBillingDelegate implements JavaDelegate {

    private final TicketService tickets;

    HandRefundToBillingDelegate(TicketService tickets) {
        this.tickets = tickets;
    }

    @Override
    public void execute(DelegateExecution execution) {
        tickets.changeTopic(TicketVariables.ticketId(execution), Topic.BILLING);
    }
}
