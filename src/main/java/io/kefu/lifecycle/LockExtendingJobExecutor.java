package io.kefu.lifecycle;

import java.util.List;
import java.util.Optional;

import org.camunda.bpm.engine.impl.ProcessEngineImpl;
import org.camunda.bpm.engine.impl.interceptor.CommandExecutor;
import org.camunda.bpm.engine.impl.jobexecutor.ExecuteJobsRunnable;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.camunda.bpm.engine.impl.jobexecutor.JobFailureCollector;
import org.camunda.bpm.engine.impl.jobexecutor.NotifyAcquisitionRejectedJobsHandler;
import org.camunda.bpm.engine.spring.components.jobexecutor.SpringJobExecutor;
import org.camunda.bpm.spring.boot.starter.configuration.impl.DefaultJobConfiguration;
import org.camunda.bpm.spring.boot.starter.property.CamundaBpmProperties;
import org.camunda.bpm.spring.boot.starter.property.JobExecutionProperty;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.TaskExecutor;

/**
 * Camunda's Spring job executor, telling {@link JobLockExtension} which jobs its threads hold: the
 * jobs of one acquired batch from the moment a thread takes the batch (they are locked to this node
 * and wait behind each other, exclusive jobs of one process instance) until each has run, and a job
 * added to the batch while it runs from its start. The only hook Camunda 7 offers for "which jobs is
 * this node executing right now" is the runnable a batch runs in ({@link #getExecuteJobsRunnable}).
 */
class LockExtendingJobExecutor extends SpringJobExecutor {

    private final JobLockExtension locks;

    LockExtendingJobExecutor(JobLockExtension locks) {
        this.locks = locks;
    }

    @Override
    public Runnable getExecuteJobsRunnable(List<String> jobIds, ProcessEngineImpl processEngine) {
        return new Batch(jobIds, processEngine);
    }

    private final class Batch extends ExecuteJobsRunnable {

        Batch(List<String> jobIds, ProcessEngineImpl processEngine) {
            super(jobIds, processEngine);
        }

        @Override
        public void run() {
            locks.holding(jobIds);
            try {
                super.run();
            } finally {
                locks.released(jobIds);
            }
        }

        @Override
        protected void executeJob(String jobId, CommandExecutor commands, JobFailureCollector failures) {
            locks.holding(List.of(jobId));
            try {
                super.executeJob(jobId, commands, failures);
            } finally {
                locks.released(List.of(jobId));
            }
        }
    }

    /**
     * Replaces the starter's job executor bean (it backs off when one exists) with this one, set up
     * from {@code camunda.bpm.job-execution.*} exactly as the starter sets up its own, on the
     * starter's thread pool.
     */
    @Configuration(proxyBeanMethods = false)
    static class Setup {

        @Bean
        @ConditionalOnProperty(prefix = "camunda.bpm.job-execution", name = "enabled", havingValue = "true",
                matchIfMissing = true)
        JobExecutor jobExecutor(
                @Qualifier(DefaultJobConfiguration.JobConfiguration.CAMUNDA_TASK_EXECUTOR_QUALIFIER) TaskExecutor threads,
                CamundaBpmProperties camunda, JobLockExtension locks) {
            LockExtendingJobExecutor executor = new LockExtendingJobExecutor(locks);
            executor.setTaskExecutor(threads);
            executor.setRejectedJobsHandler(new NotifyAcquisitionRejectedJobsHandler());
            JobExecutionProperty settings = camunda.getJobExecution();
            Optional.ofNullable(settings.getLockTimeInMillis()).ifPresent(executor::setLockTimeInMillis);
            Optional.ofNullable(settings.getMaxJobsPerAcquisition()).ifPresent(executor::setMaxJobsPerAcquisition);
            Optional.ofNullable(settings.getWaitTimeInMillis()).ifPresent(executor::setWaitTimeInMillis);
            Optional.ofNullable(settings.getMaxWait()).ifPresent(executor::setMaxWait);
            Optional.ofNullable(settings.getBackoffTimeInMillis()).ifPresent(executor::setBackoffTimeInMillis);
            Optional.ofNullable(settings.getMaxBackoff()).ifPresent(executor::setMaxBackoff);
            Optional.ofNullable(settings.getBackoffDecreaseThreshold()).ifPresent(executor::setBackoffDecreaseThreshold);
            Optional.ofNullable(settings.getWaitIncreaseFactor()).ifPresent(executor::setWaitIncreaseFactor);
            return executor;
        }
    }
}
