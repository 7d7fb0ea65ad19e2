package io.kefu.lifecycle;

import java.util.Map;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With {@code kefu.lifecycle.timer-job-priority} set (10 here; off by default), timers go before
 * continuations when more jobs are due than the job executor runs at once: a timer job gets that
 * priority unless its element names one of its own, a continuation keeps Camunda's (0), and
 * acquisition orders by priority.
 */
@SpringBootTest(properties = "kefu.lifecycle.timer-job-priority=10")
class TimerJobPriorityTest {

    private static final String PROCESS = "Process_TimerJobPriority";
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

    @Autowired
    ProcessEngine engine;

    @Test
    void timerJobsGetTheTimerPriorityUnlessTheirElementNamesOneAndContinuationsKeepZero() {
        String definition = engine.getRepositoryService().createDeployment().name("timer-job-priority")
                .addString("timer-job-priority.bpmn", BPMN).deployWithResult()
                .getDeployedProcessDefinitions().get(0).getId();
        // Suspended job definitions keep the jobs where they are: the running job executor leaves them.
        engine.getManagementService().suspendJobDefinitionByProcessDefinitionId(definition, false);
        String instance = engine.getRuntimeService().startProcessInstanceById(definition).getId();

        Map<String, Long> priorities = engine.getManagementService().createJobQuery().processInstanceId(instance)
                .list().stream().collect(Collectors.toMap(this::activity, Job::getPriority));
        assertThat(priorities).containsOnly(
                Map.entry("Timer_Default", 10L), Map.entry("Timer_Own", 3L), Map.entry("Task_Continue", 0L));

        assertThat(((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration())
                .isJobExecutorAcquireByPriority()).as("acquisition orders due jobs by priority").isTrue();
        engine.getRuntimeService().deleteProcessInstance(instance, "test done");
    }

    private String activity(Job job) {
        return engine.getManagementService().createJobDefinitionQuery().jobDefinitionId(job.getJobDefinitionId())
                .singleResult().getActivityId();
    }
}
