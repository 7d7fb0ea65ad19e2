package io.kefu.lifecycle;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import io.kefu.ticket.TicketService;
import io.kefu.ticket.TicketView;

/**
 * Implements {@code Task_TriageTicket}: classifies the customer's first message (intents,
 * sentiment, language), stores the facts on the ticket and derives its topic. A refund intent
 * ({@code kefu.lifecycle.refund.intent}) also sets {@code refundIntent}, the order number found and
 * the refund's timeouts, so the lifecycle calls {@code processes/RefundRequest.bpmn}.
 */
@Component("triageTicketDelegate")
class TriageTicketDelegate implements JavaDelegate {

    private final TicketTriage triage;
    private final TicketService tickets;
    private final RefundProperties refunds;

    TriageTicketDelegate(TicketTriage triage, TicketService tickets, RefundProperties refunds) {
        this.triage = triage;
        this.tickets = tickets;
        this.refunds = refunds;
    }

    @Override
    public void execute(DelegateExecution execution) {
        long ticketId = TicketVariables.ticketId(execution);
        TicketTriage.Triaged triaged = triage.triage(ticketId);
        TicketView ticket = tickets.classify(ticketId, triaged.topic(), triaged.classification());
        execution.setVariable(TicketLifecycleProcess.VAR_TOPIC, ticket.topic().name());
        TicketVariables.handOn(execution, triaged.firstMessage(), triaged.classification());
        // Only refund tickets get these variables: the hot path of every other ticket writes nothing more.
        if (refunds.enabled() && triaged.classification().hasIntent(refunds.intent())) {
            execution.setVariable(TicketLifecycleProcess.VAR_REFUND_INTENT, true);
            refunds.orderIdIn(triaged.firstMessage())
                    .ifPresent(orderId -> execution.setVariable(TicketLifecycleProcess.VAR_ORDER_ID, orderId));
            execution.setVariable(TicketLifecycleProcess.VAR_BOT_TASK_TIMEOUT, refunds.botTimeout().toString());
            execution.setVariable(TicketLifecycleProcess.VAR_REFUND_COMPLETION_TIMEOUT,
                    refunds.completionTimeout().toString());
        }
    }
}
