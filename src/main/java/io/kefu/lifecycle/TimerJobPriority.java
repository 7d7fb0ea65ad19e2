package io.kefu.lifecycle;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.jobexecutor.DefaultJobPriorityProvider;
import org.camunda.bpm.engine.impl.jobexecutor.JobDeclaration;
import org.camunda.bpm.engine.impl.jobexecutor.TimerDeclarationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Timers before continuations when the job executor has more due work than it can run at once
 * ({@code kefu.lifecycle.timer-job-priority}, default 10; 0 = one first-come order by due date).
 * Every wait of the lifecycle is a timer (soothing the waiting customer, first-response escalation,
 * the ladder, the skills timeout, follow-ups, auto-close) and a customer feels each one that fires
 * late; a continuation (a new ticket's triage and routing, an image read) a few seconds later is
 * felt less, and under a sustained overload nothing can keep both on time.
 *
 * <p>A timer job gets this priority unless its BPMN element names one itself
 * ({@code camunda:jobPriority}, which a designer sees and may set on any timer); continuations keep
 * Camunda's rules (the element's, the process's, else 0). Acquisition then orders due jobs by
 * priority, and within one priority by due date ({@code jobExecutorAcquireByDueDate}), so a
 * backlog of timers after an outage fires oldest first.
 */
@Component
class TimerJobPriority extends AbstractProcessEnginePlugin {

    private final long priority;

    TimerJobPriority(@Value("${kefu.lifecycle.timer-job-priority:10}") long priority) {
        if (priority < 0) {
            throw new IllegalArgumentException("kefu.lifecycle.timer-job-priority must be 0 or more: " + priority);
        }
        this.priority = priority;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        if (priority == 0) {
            return;
        }
        configuration.setJobExecutorAcquireByPriority(true);
        configuration.setJobPriorityProvider(new TimersFirst(priority));
    }

    /** Camunda's job priorities, with {@code timers} for a timer whose element names none. */
    static final class TimersFirst extends DefaultJobPriorityProvider {

        private final long timers;

        TimersFirst(long timers) {
            this.timers = timers;
        }

        @Override
        public long determinePriority(ExecutionEntity execution, JobDeclaration<?, ?> declaration, String jobDefinitionId) {
            if (declaration instanceof TimerDeclarationImpl) {
                Long own = getSpecificPriority(execution, declaration, jobDefinitionId);
                return own != null ? own : timers;
            }
            return super.determinePriority(execution, declaration, jobDefinitionId);
        }
    }
}
