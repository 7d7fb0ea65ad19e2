package io.kefu.lifecycle;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import io.kefu.ticket.TicketService;
import io.kefu.ticket.TicketView;

/**
 * Implements {@code Task_TriageTicket}: classifies the customer's first message (intents,
 * sentiment, language), stores the facts on the ticket and derives its topic.
 */
@Component("triageTicketDelegate")
class TriageTicketDelegate implements JavaDelegate {

    private final TicketTriage triage;
    private final TicketService tickets;

    TriageTicketDelegate(TicketTriage triage, TicketService tickets) {
        this.triage = triage;
        this.tickets = tickets;
    }

    @Override
    public void execute(DelegateExecution execution) {
        long ticketId = TicketVariables.ticketId(execution);
        TicketTriage.Triaged triaged = triage.triage(ticketId);
        TicketView ticket = tickets.classify(ticketId, triaged.topic(), triaged.classification());
        execution.setVariable(TicketLifecycleProcess.VAR_TOPIC, ticket.topic().name());
        TicketVariables.handOn(execution, triaged.firstMessage(), triaged.classification());
    }
}
