package io.kefu.lifecycle;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.StandaloneInMemProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.cmd.AcquireJobsCmd;
import org.camunda.bpm.engine.impl.jobexecutor.AcquiredJobs;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code kefu.lifecycle.timer-job-priority}: set (10, the default), timers go before continuations when more
 * jobs are due than the job executor runs at once: a timer job gets that priority unless its element
 * names one of its own, a continuation keeps Camunda's (0), and each acquisition takes the timers
 * of that priority due at least half a second ago first, oldest due first, then the other due jobs
 * oldest due first; at 0
 * the engine keeps Camunda's priorities and one order by due date. Each on an engine of its own with
 * the job executor off, so the jobs stay where they are created and the test acquires them itself.
 */
class TimerJobPriorityTest {

    private static final String BPMN = """
            <?xml version="1.0" encoding="UTF-8"?>
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="Definitions_TimerJobPriority"
                targetNamespace="http://kefu.io/test">
              <bpmn:process id="Process_TimerJobPriority" isExecutable="true" camunda:historyTimeToLive="P1D">
                <bpmn:startEvent id="Start" />
                <bpmn:sequenceFlow id="Flow_1" sourceRef="Start" targetRef="Task_Wait" />
                <bpmn:userTask id="Task_Wait" />
                <bpmn:boundaryEvent id="Timer_Default" cancelActivity="false" attachedToRef="Task_Wait">
                  <bpmn:timerEventDefinition><bpmn:timeDuration>PT1H</bpmn:timeDuration></bpmn:timerEventDefinition>
                </bpmn:boundaryEvent>
                <bpmn:boundaryEvent id="Timer_Own" cancelActivity="false" attachedToRef="Task_Wait" camunda:jobPriority="3">
                  <bpmn:timerEventDefinition><bpmn:timeDuration>PT1H</bpmn:timeDuration></bpmn:timerEventDefinition>
                </bpmn:boundaryEvent>
                <bpmn:sequenceFlow id="Flow_2" sourceRef="Start" targetRef="Task_Continue" />
                <bpmn:manualTask id="Task_Continue" camunda:asyncBefore="true" camunda:exclusive="false" />
                <bpmn:sequenceFlow id="Flow_3" sourceRef="Task_Continue" targetRef="End" />
                <bpmn:endEvent id="End" />
              </bpmn:process>
            </bpmn:definitions>
            """;

    static final ProcessEngine TIMERS_FIRST = engine("timer-job-priority-10", 10);
    static final ProcessEngine OFF = engine("timer-job-priority-0", 0);

    static ProcessEngine engine(String name, long priority) {
        ProcessEngineConfigurationImpl configuration = new StandaloneInMemProcessEngineConfiguration();
        configuration.setProcessEnginePlugins(List.of(new TimerJobPriority(priority, Duration.ofMillis(500))));
        configuration.setJobExecutorAcquireByDueDate(true);
        configuration.setEnsureJobDueDateNotNull(true);
        return configuration.setProcessEngineName(name)
                .setJdbcUrl("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=1000")
                .setJobExecutorActivate(false)
                .buildProcessEngine();
    }

    @AfterAll
    static void close() {
        TIMERS_FIRST.close();
        OFF.close();
    }

    @Test
    void timerJobsGetTheTimerPriorityUnlessTheirElementNamesOneAndContinuationsKeepZero() {
        assertThat(priorities(TIMERS_FIRST)).containsOnly(
                Map.entry("Timer_Default", 10L), Map.entry("Timer_Own", 3L), Map.entry("Task_Continue", 0L));
        assertThat(((ProcessEngineConfigurationImpl) TIMERS_FIRST.getProcessEngineConfiguration())
                .isJobExecutorAcquireByPriority()).as("no sort of every due job by priority").isFalse();
    }

    @Test
    void anAcquisitionTakesTheDueTimersFirstThenTheOtherDueJobsOldestFirst() {
        List<String> instances = startThreeInstancesAndLetTheirTimersComeDue(TIMERS_FIRST);
        try {
            // (The continuation is not exclusive, so a locked timer of its instance does not hold it
            // back; the timers are, as Camunda makes every timer.)
            // Three continuations are due since the start, the timers an hour later: by due date
            // alone the continuations would go first.
            assertThat(acquire(TIMERS_FIRST, 2)).containsExactlyInAnyOrder("Timer_Default", "Timer_Default");
            assertThat(acquire(TIMERS_FIRST, 2)).containsExactlyInAnyOrder("Timer_Default", "Task_Continue");
            // Timer_Own (its own priority, 3) waits for its instance's locked timer: Camunda runs
            // one exclusive job of an instance at a time.
            assertThat(acquire(TIMERS_FIRST, 10)).containsExactlyInAnyOrder("Task_Continue", "Task_Continue");
        } finally {
            ClockUtil.reset();
            instances.forEach(id -> TIMERS_FIRST.getRuntimeService().deleteProcessInstance(id, "test over"));
        }
    }

    @Test
    void aTimerNotYetLateByHalfASecondQueuesWithTheContinuationsOldestDueFirst() {
        String definition = definition(TIMERS_FIRST);
        Instant start = Instant.now();
        ClockUtil.setCurrentTime(Date.from(start));
        String instance = TIMERS_FIRST.getRuntimeService().startProcessInstanceById(definition).getId();
        try {
            // Timer_Default came due 200 ms ago: the continuation, due an hour earlier, goes first.
            ClockUtil.setCurrentTime(Date.from(start.plus(Duration.ofHours(1)).plusMillis(200)));
            assertThat(acquire(TIMERS_FIRST, 1)).containsExactly("Task_Continue");
        } finally {
            ClockUtil.reset();
            TIMERS_FIRST.getRuntimeService().deleteProcessInstance(instance, "test over");
        }
    }

    @Test
    void atZeroAnAcquisitionTakesTheDueJobsOldestFirst() {
        List<String> instances = startThreeInstancesAndLetTheirTimersComeDue(OFF);
        try {
            assertThat(acquire(OFF, 3)).containsExactlyInAnyOrder("Task_Continue", "Task_Continue", "Task_Continue");
            assertThat(acquire(OFF, 10)).containsOnly("Timer_Default", "Timer_Own").hasSize(6);
        } finally {
            ClockUtil.reset();
            instances.forEach(id -> OFF.getRuntimeService().deleteProcessInstance(id, "test over"));
        }
    }

    @Test
    void atZeroTimersKeepCamundasPrioritiesAndOneOrderByDueDate() {
        assertThat(priorities(OFF)).containsOnly(
                Map.entry("Timer_Default", 0L), Map.entry("Timer_Own", 3L), Map.entry("Task_Continue", 0L));
        assertThat(((ProcessEngineConfigurationImpl) OFF.getProcessEngineConfiguration())
                .isJobExecutorAcquireByPriority()).isFalse();
    }

    @Test
    void aNegativePriorityIsRefused() {
        assertThatThrownBy(() -> new TimerJobPriority(-1, Duration.ZERO)).hasMessageContaining("timer-job-priority");
        assertThatThrownBy(() -> new TimerJobPriority(10, Duration.ofSeconds(-1))).hasMessageContaining("timers-first-late-by");
    }

    /** The priority of each job of a new instance, by the activity it belongs to. */
    private static Map<String, Long> priorities(ProcessEngine engine) {
        String instance = engine.getRuntimeService().startProcessInstanceById(definition(engine)).getId();
        try {
            return engine.getManagementService().createJobQuery().processInstanceId(instance).list().stream()
                    .collect(Collectors.toMap(job -> activity(engine, job), Job::getPriority));
        } finally {
            engine.getRuntimeService().deleteProcessInstance(instance, "test over");
        }
    }

    private static String definition(ProcessEngine engine) {
        var deployed = engine.getRepositoryService().createProcessDefinitionQuery()
                .processDefinitionKey("Process_TimerJobPriority").latestVersion().singleResult();
        if (deployed != null) {
            return deployed.getId();
        }
        return engine.getRepositoryService().createDeployment().name("timer-job-priority")
                .addString("timer-job-priority.bpmn", BPMN).deployWithResult()
                .getDeployedProcessDefinitions().get(0).getId();
    }

    /** Three instances a second apart, then the clock two hours on: every job of theirs is due. */
    private static List<String> startThreeInstancesAndLetTheirTimersComeDue(ProcessEngine engine) {
        String definition = definition(engine);
        Instant start = Instant.now();
        List<String> instances = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ClockUtil.setCurrentTime(Date.from(start.plusSeconds(i)));
            instances.add(engine.getRuntimeService().startProcessInstanceById(definition).getId());
        }
        ClockUtil.setCurrentTime(Date.from(start.plus(Duration.ofHours(2))));
        return instances;
    }

    /**
     * One acquisition of at most {@code jobs} jobs, as the job executor runs it: their activities
     * (in the order of its batches, which is not the order it found them in).
     */
    private static List<String> acquire(ProcessEngine engine, int jobs) {
        ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
        AcquiredJobs acquired = configuration.getCommandExecutorTxRequired()
                .execute(new AcquireJobsCmd(configuration.getJobExecutor(), jobs));
        return acquired.getJobIdBatches().stream().flatMap(List::stream)
                .map(id -> engine.getManagementService().createJobQuery().jobId(id).singleResult())
                .map(job -> activity(engine, job))
                .toList();
    }

    private static String activity(ProcessEngine engine, Job job) {
        return engine.getManagementService().createJobDefinitionQuery().jobDefinitionId(job.getJobDefinitionId())
                .singleResult().getActivityId();
    }
}
