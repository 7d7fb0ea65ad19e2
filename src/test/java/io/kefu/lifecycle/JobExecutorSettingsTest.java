package io.kefu.lifecycle;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import io.kefu.testing.H2Database;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The running job executor has the settings timers and crash recovery rely on (application.yml):
 * the node's lock owner, a 20 s lock, an idle acquisition that looks again at least every second,
 * acquisition by due date. Its own database: the executor runs here.
 */
@H2Database("job-executor-settings")
@SpringBootTest(properties = "kefu.node.id=node-settings")
class JobExecutorSettingsTest {

    @Autowired
    ProcessEngine engine;

    @Test
    void jobsAreLockedUnderTheNodeIdForTwentySecondsAndAnIdleNodeLooksForDueJobsAtLeastEverySecond() {
        ProcessEngineConfigurationImpl configuration =
                (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
        JobExecutor executor = configuration.getJobExecutor();

        assertThat(executor).as("locks of long jobs are extended").isInstanceOf(LockExtendingJobExecutor.class);
        assertThat(executor.getLockOwner()).isEqualTo("node-settings");
        assertThat(executor.getLockTimeInMillis()).isEqualTo(20_000);
        assertThat(executor.getWaitTimeInMillis()).isEqualTo(500);
        assertThat(executor.getMaxWait()).isEqualTo(1_000);
        assertThat(configuration.isJobExecutorAcquireByDueDate()).isTrue();
        assertThat(configuration.isEnsureJobDueDateNotNull()).isTrue();
        assertThat(configuration.isJobExecutorPreferTimerJobs()).isFalse();
        assertThat(configuration.isJobExecutorAcquireByPriority())
                .as("no sort of every due job by priority: TimersFirstJobManager asks for due timers first").isFalse();
        assertThat(configuration.getCustomSessionFactories()).as("timers first (kefu.lifecycle.timer-job-priority 10)")
                .anyMatch(TimersFirstJobManager.Factory.class::isInstance);
        // Every timer's duration is parsed with a new DatatypeFactory: named, it skips the service
        // loader's scan of every jar (BusinessCalendarPlugin).
        assertThat(System.getProperty(javax.xml.datatype.DatatypeFactory.DATATYPEFACTORY_PROPERTY))
                .isEqualTo(javax.xml.datatype.DatatypeFactory.DATATYPEFACTORY_IMPLEMENTATION_CLASS);
    }
}
