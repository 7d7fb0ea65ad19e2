package io.kefu.lifecycle;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.SessionFactory;
import org.camunda.bpm.engine.impl.jobexecutor.DefaultJobPriorityProvider;
import org.camunda.bpm.engine.impl.jobexecutor.JobDeclaration;
import org.camunda.bpm.engine.impl.jobexecutor.TimerDeclarationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Timers before continuations when the job executor has more due work than it can run at once, if
 * {@code kefu.lifecycle.timer-job-priority} is above 0 (default 10; 0: one first-come order by due
 * date). Every wait of the lifecycle is a timer (soothing the waiting customer, first-response
 * escalation, the ladder, the skills timeout, follow-ups, auto-close) and a customer feels each one
 * that fires late; under a sustained overload nothing keeps both timers and new tickets on time.
 *
 * <p>A timer job gets this priority unless its BPMN element names one itself
 * ({@code camunda:jobPriority}, which a designer sees and may set on any timer); continuations keep
 * Camunda's rules (the element's, the process's, else 0). Each job acquisition then takes the jobs
 * of exactly this priority due at least {@code kefu.lifecycle.timers-first-late-by} (0.5 s) ago first,
 * oldest due first, and fills the rest of its places with the other due jobs, oldest due first
 * ({@link TimersFirstJobManager}): while the job executor keeps up, one first-come order; once it
 * falls behind, timers go first. A timer whose element names another priority queues with the
 * continuations. Camunda's own order by priority
 * ({@code jobExecutorAcquireByPriority}) is not used: it sorts every due job on every acquisition.
 *
 * <p>Measured on 2 cores with MariaDB (bench/RESULTS.md, 2026-12-07): P6's 10,000 timers due over 4
 * minutes while new tickets arrive at 50/s fired p99 1.1 s, max 1.4 s late, and the new tickets kept
 * up; with one order by due date the timers fell a minute and more behind (2026-12-04). With every
 * due timer first (no lateness) P3 alone lost half its 50/s step to the warm-up's soothing timers.
 */
@Component
class TimerJobPriority extends AbstractProcessEnginePlugin {

    private final long priority;
    private final Duration lateBy;

    TimerJobPriority(@Value("${kefu.lifecycle.timer-job-priority:10}") long priority,
            @Value("${kefu.lifecycle.timers-first-late-by:PT0.5S}") Duration lateBy) {
        if (priority < 0) {
            throw new IllegalArgumentException("kefu.lifecycle.timer-job-priority must be 0 or more: " + priority);
        }
        if (lateBy.isNegative()) {
            throw new IllegalArgumentException("kefu.lifecycle.timers-first-late-by must not be negative: " + lateBy);
        }
        this.priority = priority;
        this.lateBy = lateBy;
    }

    /** Whether acquisition takes late timers first (a priority above 0). */
    boolean timersFirst() {
        return priority > 0;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        if (!timersFirst()) {
            return;
        }
        configuration.setJobPriorityProvider(new TimersFirst(priority));
        List<SessionFactory> sessions = configuration.getCustomSessionFactories() == null ? new ArrayList<>()
                : new ArrayList<>(configuration.getCustomSessionFactories());
        sessions.add(new TimersFirstJobManager.Factory(priority, lateBy));
        configuration.setCustomSessionFactories(sessions);
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
