package io.kefu.lifecycle;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import io.kefu.sla.SlaClocks;

/**
 * Implements {@code Task_NoteCustomerMessage}: records that the customer wrote again on an open
 * ticket; while it is with the agents the message needs an answer (SLA next response, resolution resumes).
 */
@Component("noteCustomerMessageDelegate")
class NoteCustomerMessageDelegate implements JavaDelegate {

    private final SlaClocks sla;

    NoteCustomerMessageDelegate(SlaClocks sla) {
        this.sla = sla;
    }

    @Override
    public void execute(DelegateExecution execution) {
        sla.customerWrote(TicketVariables.ticketId(execution));
    }
}
