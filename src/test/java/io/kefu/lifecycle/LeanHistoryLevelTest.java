package io.kefu.lifecycle;

import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.StandaloneInMemProcessEngineConfiguration;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.test.mock.MockExpressionManager;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static io.kefu.lifecycle.TicketLifecycleProcess.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * History level {@code lean} on a real engine running {@code processes/TicketLifecycle.bpmn}: what a
 * ticket leaves in Camunda's history tables, and what it no longer leaves.
 */
class LeanHistoryLevelTest {

    static ProcessEngine engine;
    static RuntimeService runtime;
    static HistoryService history;
    static ManagementService management;
    static TaskService tasks;

    @BeforeAll
    static void buildEngine() {
        ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl)
                new StandaloneInMemProcessEngineConfiguration()
                        .setJdbcUrl("jdbc:h2:mem:lean-history-test;DB_CLOSE_DELAY=1000")
                        .setJobExecutorActivate(false)
                        .setHistory(LeanHistoryLevel.NAME);
        configuration.setExpressionManager(new MockExpressionManager());
        configuration.getProcessEnginePlugins().add(new LeanHistoryLevel.Registration(new LeanHistoryLevel()));
        engine = configuration.buildProcessEngine();
        runtime = engine.getRuntimeService();
        history = engine.getHistoryService();
        management = engine.getManagementService();
        tasks = engine.getTaskService();
        engine.getRepositoryService().createDeployment()
                .addClasspathResource("kefu/processes/TicketLifecycle.bpmn").deploy();
    }

    @AfterAll
    static void closeEngine() {
        engine.close();
    }

    @AfterEach
    void resetMocks() {
        Mocks.reset();
    }

    private static void registerDelegates(JavaDelegate triage) {
        JavaDelegate nothing = execution -> { };
        Mocks.register("readImagesDelegate", nothing);
        Mocks.register("triageTicketDelegate", triage);
        Mocks.register("findKnowledgeAnswerDelegate", nothing);
        Mocks.register("routeTicketDelegate", (JavaDelegate) execution -> {
            execution.setVariable(VAR_QUEUE, "general_support");
            execution.setVariable(VAR_QUEUE, "billing_team");
            execution.setVariable(VAR_ESCALATE_AT_ONCE, false);
            execution.setVariable(VAR_ESCALATION_DUE,
                    java.util.Date.from(java.time.Instant.now().plus(java.time.Duration.ofHours(2))));
        });
        Mocks.register("resolveTicketDelegate", nothing);
        Mocks.register("ticketAssignmentListener", (org.camunda.bpm.engine.delegate.TaskListener) task -> { });
    }

    private static String start(long ticketId) {
        return runtime.startProcessInstanceByKey(PROCESS_ID, String.valueOf(ticketId),
                Map.of(VAR_TICKET_ID, ticketId, VAR_AUTO_CLOSE_AFTER, "PT1H", VAR_SKILLS_TIMEOUT, "PT2M",
                        VAR_SOOTHE_AFTER, "PT30S")).getId();
    }

    @Test
    void theEngineRunsWithTheLeanLevelAndStoresIt() {
        assertThat(((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getHistoryLevel())
                .isInstanceOf(LeanHistoryLevel.class);
        assertThat(management.getProperties()).containsEntry("historyLevel", String.valueOf(LeanHistoryLevel.ID));
    }

    @Test
    void aTicketKeepsItsPathTasksLastVariableValuesAndWhoClaimedItButNoVariableChangesOrJobSuccesses() {
        registerDelegates(execution -> { });
        String ticket = start(1);
        management.executeJob(management.createJobQuery().processInstanceId(ticket).singleResult().getId());
        String task = tasks.createTaskQuery().processInstanceId(ticket).singleResult().getId();
        engine.getIdentityService().setAuthenticatedUserId("alice");
        try {
            tasks.claim(task, "alice");
        } finally {
            engine.getIdentityService().clearAuthentication();
        }

        assertThat(history.createHistoricProcessInstanceQuery().processInstanceId(ticket).count()).isOne();
        assertThat(history.createHistoricActivityInstanceQuery().processInstanceId(ticket).list())
                .extracting(a -> a.getActivityId())
                .contains(TASK_TRIAGE, TASK_FIND_KNOWLEDGE_ANSWER, TASK_ROUTE, TASK_AGENT_WORK);
        assertThat(history.createHistoricTaskInstanceQuery().processInstanceId(ticket).singleResult().getAssignee())
                .isEqualTo("alice");
        assertThat(history.createHistoricVariableInstanceQuery().processInstanceId(ticket)
                .variableName(VAR_QUEUE).singleResult().getValue()).as("the last value").isEqualTo("billing_team");
        assertThat(history.createHistoricIdentityLinkLogQuery().taskId(task).count()).isPositive();
        assertThat(history.createUserOperationLogQuery().taskId(task).list())
                .extracting(entry -> entry.getOperationType()).contains("Claim");

        assertThat(history.createHistoricDetailQuery().processInstanceId(ticket).count())
                .as("no row per variable change").isZero();
        assertThat(history.createHistoricJobLogQuery().processInstanceId(ticket).count())
                .as("no rows for a job created and run successfully").isZero();
    }

    @Test
    void aFailedJobStillLeavesItsFailureAndIncidentInHistory() {
        registerDelegates(execution -> {
            throw new IllegalStateException("triage model missing");
        });
        String ticket = start(2);
        Job job = management.createJobQuery().processInstanceId(ticket).singleResult();
        // the first failure starts Task_ReadImages' retry cycle (R12/PT10S); the last retry fails for good
        assertThatThrownBy(() -> management.executeJob(job.getId())).hasMessageContaining("triage model missing");
        management.setJobRetries(job.getId(), 1);

        assertThatThrownBy(() -> management.executeJob(job.getId())).hasMessageContaining("triage model missing");

        List<org.camunda.bpm.engine.history.HistoricJobLog> log = history.createHistoricJobLogQuery()
                .processInstanceId(ticket).failureLog().list();
        assertThat(log).hasSize(2);
        assertThat(log.get(0).isFailureLog()).isTrue();
        assertThat(log.get(0).getJobExceptionMessage()).contains("triage model missing");
        assertThat(history.getHistoricJobLogExceptionStacktrace(log.get(0).getId())).contains("IllegalStateException");
        assertThat(history.createHistoricIncidentQuery().processInstanceId(ticket).count()).isOne();
    }
}
