package io.kefu.lifecycle;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
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
 * Camunda's job manager, but job acquisition looks at due timers first. Every acquisition first asks
 * for due jobs of exactly the timer priority (the one {@link TimerJobPriority} gives every timer
 * whose element names none), oldest due first; only if that fills fewer places than the acquisition
 * takes does it ask Camunda's own question (every due job, oldest due first) for the rest.
 *
 * <p>Both questions are served by an index ({@link JobAcquisitionIndex}): the first by
 * {@code (PRIORITY_, DUEDATE_)}, one exact priority, so it reads only the timers that are due; the
 * second by {@code DUEDATE_}. Camunda's own way to put timers first, ordering by priority
 * ({@code jobExecutorAcquireByPriority}), sorts every due job on every acquisition and, measured,
 * slowed new tickets more the further the job executor fell behind.
 */
class TimersFirstJobManager extends JobManager {

    private final long timerPriority;

    TimersFirstJobManager(long timerPriority) {
        this.timerPriority = timerPriority;
    }

    @Override
    public List<AcquirableJobEntity> findNextJobsToExecute(Page page) {
        List<AcquirableJobEntity> timers = dueTimers(page);
        if (timers.size() >= page.getMaxResults()) {
            return timers;
        }
        List<AcquirableJobEntity> rest = super.findNextJobsToExecute(page);
        if (timers.isEmpty()) {
            return rest;
        }
        List<AcquirableJobEntity> jobs = new ArrayList<>(timers);
        Set<String> taken = new HashSet<>();
        timers.forEach(job -> taken.add(job.getId()));
        for (AcquirableJobEntity job : rest) {
            if (jobs.size() == page.getMaxResults()) {
                break;
            }
            if (taken.add(job.getId())) {
                jobs.add(job);
            }
        }
        return jobs;
    }

    /**
     * Camunda's acquisition question (JobManager#findNextJobsToExecute, Job.xml
     * selectNextJobsToExecute) narrowed to one priority and ordered by due date alone.
     */
    @SuppressWarnings("unchecked")
    private List<AcquirableJobEntity> dueTimers(Page page) {
        ProcessEngineConfigurationImpl engine = Context.getProcessEngineConfiguration();
        Map<String, Object> parameters = new HashMap<>();
        parameters.put("now", ClockUtil.getCurrentTime());
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

        Factory(long timerPriority) {
            this.timerPriority = timerPriority;
        }

        @Override
        public Class<?> getSessionType() {
            return JobManager.class;
        }

        @Override
        public Session openSession() {
            return new TimersFirstJobManager(timerPriority);
        }
    }
}
