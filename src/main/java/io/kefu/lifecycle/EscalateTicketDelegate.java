package io.kefu.lifecycle;

import java.util.Date;
import java.util.Optional;

import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import io.kefu.sla.EscalationReason;
import io.kefu.sla.EscalationStep;
import io.kefu.sla.Escalations;

import static io.kefu.lifecycle.TicketLifecycleProcess.*;

/**
 * Implements {@code Task_EscalateTicket}: climbs the escalation ladder one level (the ladder's
 * variables are local to its path), gives the agent task to the level's group as a candidate
 * group too, and tells {@code Gateway_EscalateFurther} whether a higher level follows and when.
 */
@Component("escalateTicketDelegate")
class EscalateTicketDelegate implements JavaDelegate {

    private final Escalations escalations;

    EscalateTicketDelegate(Escalations escalations) {
        this.escalations = escalations;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Object reached = execution.getVariableLocal(VAR_ESCALATION_LEVEL);
        int level = reached instanceof Number n ? n.intValue() + 1 : 1;
        EscalationReason reason = level > 1 ? EscalationReason.STILL_UNANSWERED
                : Boolean.TRUE.equals(execution.getVariable(VAR_ESCALATE_AT_ONCE)) ? EscalationReason.RULES
                : EscalationReason.FIRST_RESPONSE_DUE;
        Date ladderFor = (Date) execution.getVariableLocal(VAR_ESCALATION_FOR);
        Optional<EscalationStep> step = escalations.escalate(TicketVariables.ticketId(execution), level,
                ladderFor == null ? null : ladderFor.toInstant(), reason);
        step.ifPresent(s -> giveTaskTo(execution, s.group()));
        execution.setVariableLocal(VAR_ESCALATION_LEVEL, level);
        execution.setVariableLocal(VAR_ESCALATE_FURTHER, step.map(EscalationStep::further).orElse(false));
        step.ifPresent(s -> {
            execution.setVariableLocal(VAR_ESCALATION_FOR, s.ladderFor() == null ? null : Date.from(s.ladderFor()));
            execution.setVariableLocal(VAR_ESCALATION_STEP_AFTER, s.nextAfter());
        });
    }

    private static void giveTaskTo(DelegateExecution execution, String group) {
        TaskService tasks = execution.getProcessEngineServices().getTaskService();
        tasks.createTaskQuery().processInstanceId(execution.getProcessInstanceId())
                .taskDefinitionKey(TASK_AGENT_WORK).active().list()
                .forEach(task -> tasks.addCandidateGroup(task.getId(), group));
    }
}
