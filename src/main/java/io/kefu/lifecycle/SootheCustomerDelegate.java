package io.kefu.lifecycle;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Implements {@code Task_SootheCustomer}, reached by the non-interrupting timer
 * {@code BoundaryEvent_SootheCustomer} on {@code Task_AgentWork}: the bot sends the waiting
 * customer the configured soothing message ({@link CustomerSoothing}). The wait it soothed is kept in
 * {@code soothedWait}, so a second entry into the queue during the same wait sends nothing.
 */
@Component("sootheCustomerDelegate")
class SootheCustomerDelegate implements JavaDelegate {

    private final CustomerSoothing soothing;

    SootheCustomerDelegate(CustomerSoothing soothing) {
        this.soothing = soothing;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Integer before = (Integer) execution.getVariable(TicketLifecycleProcess.VAR_SOOTHED_WAIT);
        Integer after = soothing.soothe(TicketVariables.ticketId(execution), before);
        if (after != null && !after.equals(before)) {
            execution.getProcessInstance().setVariable(TicketLifecycleProcess.VAR_SOOTHED_WAIT, after);
        }
    }
}
