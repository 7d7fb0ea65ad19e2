package io.kefu.lifecycle;

import java.util.Date;
import java.util.Optional;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import io.kefu.ticket.FollowUp;
import io.kefu.ticket.TicketService;

import static io.kefu.lifecycle.TicketLifecycleProcess.VAR_REMINDER_DUE;
import static io.kefu.lifecycle.TicketLifecycleProcess.VAR_WAIT_SET_AT;

/**
 * Implements {@code Task_CheckReminderDue}, after {@code Timer_RemindCustomer} of
 * {@code SubProcess_WaitForCustomer}: claims the wait's reminder (once per wait) unless the customer
 * answered, the agent stopped or moved the wait, or the ticket left the agents, and tells
 * {@code Gateway_ReminderDue} whether the bot reminds the customer, and for which wait (variables
 * local to the reminder's path).
 */
@Component("checkReminderDueDelegate")
class CheckReminderDueDelegate implements JavaDelegate {

    private final TicketService tickets;

    CheckReminderDueDelegate(TicketService tickets) {
        this.tickets = tickets;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Optional<FollowUp> claimed = tickets.claimReminder(TicketVariables.ticketId(execution));
        execution.setVariableLocal(VAR_REMINDER_DUE, claimed.isPresent());
        claimed.ifPresent(wait -> execution.setVariableLocal(VAR_WAIT_SET_AT, Date.from(wait.setAt())));
    }
}
