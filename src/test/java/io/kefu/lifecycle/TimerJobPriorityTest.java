package io.kefu.lifecycle;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.StandaloneInMemProcessEngineConfiguration;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code kefu.lifecycle.timer-job-priority}: set (10 here), timers go before continuations when more
 * jobs are due than the job executor runs at once: a timer job gets that priority unless its element
 * names one of its own, a continuation keeps Camunda's (0), and acquisition orders by priority; at
 * the default 0 the engine keeps Camunda's priorities and one order by due date. Each on an engine of
 * its own with the job executor off, so the jobs stay where they are created.
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
                <bpmn:manualTask id="Task_Continue" camunda:asyncBefore="true" />
                <bpmn:sequenceFlow id="Flow_3" sourceRef="Task_Continue" targetRef="End" />
                <bpmn:endEvent id="End" />
              </bpmn:process>
            </bpmn:definitions>
            """;

    static final ProcessEngine TIMERS_FIRST = engine("timer-job-priority-10", 10);
    static final ProcessEngine DEFAULT = engine("timer-job-priority-0", 0);

    static ProcessEngine engine(String name, long priority) {
        ProcessEngineConfigurationImpl configuration = new StandaloneInMemProcessEngineConfiguration();
        configuration.setProcessEnginePlugins(List.of(new TimerJobPriority(priority)));
        return configuration.setProcessEngineName(name)
                .setJdbcUrl("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=1000")
                .setJobExecutorActivate(false)
                .buildProcessEngine();
    }

    @AfterAll
    static void close() {
        TIMERS_FIRST.close();
        DEFAULT.close();
    }

    @Test
    void timerJobsGetTheTimerPriorityUnlessTheirElementNamesOneAndContinuationsKeepZero() {
        assertThat(priorities(TIMERS_FIRST)).containsOnly(
                Map.entry("Timer_Default", 10L), Map.entry("Timer_Own", 3L), Map.entry("Task_Continue", 0L));
        assertThat(((ProcessEngineConfigurationImpl) TIMERS_FIRST.getProcessEngineConfiguration())
                .isJobExecutorAcquireByPriority()).as("acquisition orders due jobs by priority").isTrue();
    }

    @Test
    void atTheDefaultTimersKeepCamundasPrioritiesAndOneOrderByDueDate() {
        assertThat(priorities(DEFAULT)).containsOnly(
                Map.entry("Timer_Default", 0L), Map.entry("Timer_Own", 3L), Map.entry("Task_Continue", 0L));
        assertThat(((ProcessEngineConfigurationImpl) DEFAULT.getProcessEngineConfiguration())
                .isJobExecutorAcquireByPriority()).isFalse();
    }

    @Test
    void aNegativePriorityIsRefused() {
        assertThatThrownBy(() -> new TimerJobPriority(-1)).hasMessageContaining("timer-job-priority");
    }

    /** The priority of each job of a new instance, by the activity it belongs to. */
    private static Map<String, Long> priorities(ProcessEngine engine) {
        String definition = engine.getRepositoryService().createDeployment().name("timer-job-priority")
                .addString("timer-job-priority.bpmn", BPMN).deployWithResult()
                .getDeployedProcessDefinitions().get(0).getId();
        String instance = engine.getRuntimeService().startProcessInstanceById(definition).getId();
        return engine.getManagementService().createJobQuery().processInstanceId(instance).list().stream()
                .collect(Collectors.toMap(job -> activity(engine, job), Job::getPriority));
    }

    private static String activity(ProcessEngine engine, Job job) {
        return engine.getManagementService().createJobDefinitionQuery().jobDefinitionId(job.getJobDefinitionId())
                .singleResult().getActivityId();
    }
}
