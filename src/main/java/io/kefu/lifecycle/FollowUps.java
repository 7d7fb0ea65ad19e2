package io.kefu.lifecycle;

import java.util.Date;

import org.camunda.bpm.engine.RuntimeService;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import io.kefu.ticket.TicketFollowUpSet;

/**
 * Waiting for the customer in the lifecycle: a wait an agent sets starts
 * {@code SubProcess_WaitForCustomer} (message {@code WaitForCustomer}, in the transaction that
 * stored the wait, so a wait the engine cannot take is not stored either), whose
 * {@code Timer_FollowUpDue} fires at the follow-up time and runs {@code Task_FollowUpDue}, and
 * whose {@code Timer_RemindCustomer}, when the wait plans a reminder ({@code remindAt}), has the
 * {@code customer-follow-up} bot remind the customer.
 */
@Component
class FollowUps {

    private final RuntimeService runtime;

    FollowUps(RuntimeService runtime) {
        this.runtime = runtime;
    }

    @EventListener
    void on(TicketFollowUpSet set) {
        runtime.createMessageCorrelation(TicketLifecycleProcess.MSG_WAIT_FOR_CUSTOMER)
                .processInstanceBusinessKey(String.valueOf(set.ticket().id()))
                .setVariable(TicketLifecycleProcess.VAR_FOLLOW_UP_AT, Date.from(set.followUp().followUpAt()))
                .setVariable(TicketLifecycleProcess.VAR_REMIND_AT,
                        set.followUp().remindAt() == null ? null : Date.from(set.followUp().remindAt()))
                .correlateWithResult();
    }
}
