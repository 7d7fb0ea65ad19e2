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
 * Timers before continuations when the job executor has more due work than it can run at once, if
 * {@code kefu.lifecycle.timer-job-priority} is above 0 (default 0: one first-come order by due
 * date). Every wait of the lifecycle is a timer (soothing the waiting customer, first-response
 * escalation, the ladder, the skills timeout, follow-ups, auto-close) and a customer feels each one
 * that fires late; under a sustained overload nothing keeps both timers and new tickets on time.
 *
 * <p>A timer job gets this priority unless its BPMN element names one itself
 * ({@code camunda:jobPriority}, which a designer sees and may set on any timer); continuations keep
 * Camunda's rules (the element's, the process's, else 0). Acquisition then orders due jobs by
 * priority, and within one priority by due date ({@code jobExecutorAcquireByDueDate}), so a
 * backlog of timers after an outage fires oldest first.
 *
 * <p>Measured on 2 cores with MariaDB (bench/RESULTS.md, 2026-12-04): with 10, P6's 10,000 timers due
 * over 4 minutes while new tickets arrive at 50/s fired p99 0.8 s, max 1.0 s late, where one order
 * by due date let them fall a minute and more behind; but ordering by priority cannot use the
 * due-date index (every acquisition reads and sorts all due jobs), and P3 alone sustained 45.9
 * instead of 49.3 new tickets/s at two thirds more engine CPU per ticket. Hence off by default.
 */
@Component
class TimerJobPriority extends AbstractProcessEnginePlugin {

    private final long priority;

    TimerJobPriority(@Value("${kefu.lifecycle.timer-job-priority:0}") long priority) {
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
