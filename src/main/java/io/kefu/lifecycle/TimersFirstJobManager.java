package io.kefu.lifecycle;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.camunda.bpm.engine.impl.Page;
import org.camunda.bpm.engine.impl.QueryOrderingProperty;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.Session;
import org.camunda.bpm.engine.impl.interceptor.SessionFactory;
import org.camunda.bpm.engine.impl.persistence.entity.AcquirableJobEntity;
import org.camunda.bpm.engine.impl.persistence.entity.JobManager;
import org.camunda.bpm.engine.impl.util.ClockUtil;

/**
 * Camunda's job manager, but job acquisition looks at late timers first. Every acquisition first
 * asks for the jobs of exactly the timer priority (the one {@link TimerJobPriority} gives every timer
 * whose element names none) that were due at least {@code kefu.lifecycle.timers-first-late-by} ago,
 * oldest due first; only if that fills fewer places than the acquisition takes does it ask Camunda's
 * own question (every due job, oldest due first) for the rest. So while the job executor keeps up,
 * timers and continuations queue in one first-come order; once it falls behind, a timer waits at
 * most about that long before it goes ahead of new tickets' continuations.
 *
 * <p>Both questions are served by an index ({@link JobAcquisitionIndex}): the first by
 * {@code (PRIORITY_, DUEDATE_)}, one exact priority, so it reads only the timers that are late; the
 * second by {@code DUEDATE_}. Camunda's own way to put timers first, ordering by priority
 * ({@code jobExecutorAcquireByPriority}), sorts every due job on every acquisition.
 */
class TimersFirstJobManager extends JobManager {

    private final long timerPriority;
    private final long lateByMillis;

    TimersFirstJobManager(long timerPriority, Duration lateBy) {
        this.timerPriority = timerPriority;
        this.lateByMillis = lateBy.toMillis();
    }

    @Override
    public List<AcquirableJobEntity> findNextJobsToExecute(Page page) {
        List<AcquirableJobEntity> timers = lateTimers(page);
        if (timers.size() >= page.getMaxResults()) {
            return timers;
        }
        List<AcquirableJobEntity> rest = super.findNextJobsToExecute(page);
        if (timers.isEmpty()) {
            return rest;
        }
        // the rest may hold the late timers again: each job once, timers first, at most a page
        Map<String, AcquirableJobEntity> jobs = new LinkedHashMap<>();
        for (AcquirableJobEntity job : timers) {
            jobs.put(job.getId(), job);
        }
        for (AcquirableJobEntity job : rest) {
            if (jobs.size() == page.getMaxResults()) {
                break;
            }
            jobs.putIfAbsent(job.getId(), job);
        }
        return new ArrayList<>(jobs.values());
    }

    /**
     * Camunda's acquisition question (JobManager#findNextJobsToExecute, Job.xml
     * selectNextJobsToExecute) narrowed to one priority and to jobs due {@code lateBy} ago, ordered
     * by due date alone.
     */
    @SuppressWarnings("unchecked")
    private List<AcquirableJobEntity> lateTimers(Page page) {
        ProcessEngineConfigurationImpl engine = Context.getProcessEngineConfiguration();
        Map<String, Object> parameters = new HashMap<>();
        // due at least lateBy ago (and, the same instant, a lock expired at least that long ago)
        parameters.put("now", new Date(ClockUtil.getCurrentTime().getTime() - lateByMillis));
        parameters.put("alwaysSetDueDate", engine.isEnsureJobDueDateNotNull());
        parameters.put("deploymentAware", engine.isJobExecutorDeploymentAware());
        if (engine.isJobExecutorDeploymentAware()) {
            Set<String> deployments = engine.getRegisteredDeployments();
            if (!deployments.isEmpty()) {
                parameters.put("deploymentIds", deployments);
            }
        }
        parameters.put("jobPriorityMin", timerPriority);
        parameters.put("jobPriorityMax", timerPriority);
        parameters.put("historyCleanupEnabled", engine.isHistoryCleanupEnabled());
        List<QueryOrderingProperty> ordering = List.of(JOB_DUEDATE_ORDERING_PROPERTY);
        parameters.put("orderingProperties", ordering);
        parameters.put("applyOrdering", true);
        parameters.put("applyExclusiveOverProcessHierarchies", engine.isJobExecutorAcquireExclusiveOverProcessHierarchies());
        return (List<AcquirableJobEntity>) (List<?>) getDbEntityManager().selectList("selectNextJobsToExecute", parameters, page);
    }

    /** Opens this manager wherever the engine asks for its {@link JobManager}. */
    static final class Factory implements SessionFactory {

        private final long timerPriority;
        private final Duration lateBy;

        Factory(long timerPriority, Duration lateBy) {
            this.timerPriority = timerPriority;
            this.lateBy = lateBy;
        }

        @Override
        public Class<?> getSessionType() {
            return JobManager.class;
        }

        @Override
        public Session openSession() {
            return new TimersFirstJobManager(timerPriority, lateBy);
        }
    }
}
