package io.kefu.lifecycle;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import io.kefu.ticket.TicketService;
import io.kefu.ticket.TicketView;

/**
 * Implements {@code Task_TriageTicket}: classifies the customer's first message (intents,
 * sentiment, language; with the text {@code Task_ReadImages} read in its images), stores the facts
 * on the ticket and derives its topic. A refund intent ({@code kefu.lifecycle.refund.intent}) in a message that names an order number also sets
 * {@code refundIntent}, the order number and the refund's timeouts, so the lifecycle calls
 * {@code processes/RefundRequest.bpmn}.
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
        TicketTriage.Triaged triaged = triage.triage(ticketId, TicketVariables.handedOnImages(execution).orElse(null));
        TicketView ticket = tickets.classify(ticketId, triaged.topic(), triaged.classification());
        execution.setVariable(TicketLifecycleProcess.VAR_TOPIC, ticket.topic().name());
        TicketVariables.handOn(execution, triaged.firstMessage(), triaged.classification());
        // Only refund requests naming an order get these variables: the hot path of every other
        // ticket writes nothing more. Without an order number the bots have nothing to look up, and a
        // question about refunds ("when does my refund arrive?") is the knowledge-base bot's.
        java.util.Optional<String> orderId = refunds.enabled() && triaged.classification().hasIntent(refunds.intent())
                ? refunds.orderIdIn(triaged.firstMessage()) : java.util.Optional.empty();
        if (orderId.isPresent()) {
            execution.setVariable(TicketLifecycleProcess.VAR_REFUND_INTENT, true);
            execution.setVariable(TicketLifecycleProcess.VAR_ORDER_ID, orderId.get());
            execution.setVariable(TicketLifecycleProcess.VAR_BOT_TASK_TIMEOUT, refunds.botTimeout().toString());
            execution.setVariable(TicketLifecycleProcess.VAR_REFUND_COMPLETION_TIMEOUT,
                    refunds.completionTimeout().toString());
        }
    }
}
