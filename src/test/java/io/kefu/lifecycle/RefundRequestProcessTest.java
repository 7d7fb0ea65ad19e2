package io.kefu.lifecycle;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;

import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.externaltask.LockedExternalTask;
import org.camunda.bpm.engine.impl.cfg.StandaloneInMemProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.EventSubscription;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.camunda.bpm.engine.test.mock.MockExpressionManager;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static io.kefu.lifecycle.RefundRequestProcess.*;
import static io.kefu.lifecycle.TicketLifecycleProcess.*;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.*;

/**
 * Every path through {@code processes/RefundRequest.bpmn} as the lifecycle calls it, on a bare
 * engine: the lifecycle's delegates are recorders, the bots are played here through the engine's
 * external-task API (fetch and lock, complete, BPMN error, failure) exactly as a worker would.
 */
@Deployment(resources = {"kefu/processes/TicketLifecycle.bpmn", "kefu/processes/RefundRequest.bpmn"})
class RefundRequestProcessTest {

    static ProcessEngine engine = ((StandaloneInMemProcessEngineConfiguration) new StandaloneInMemProcessEngineConfiguration()
            .setExpressionManager(new MockExpressionManager()))
            .setJdbcUrl("jdbc:h2:mem:refund-process-test;DB_CLOSE_DELAY=1000")
            .setJobExecutorActivate(false)
            .setHistory(ProcessEngineConfiguration.HISTORY_FULL)
            .buildProcessEngine();

    @RegisterExtension
    static ProcessEngineExtension extension = ProcessEngineExtension.builder().useProcessEngine(engine).build();

    private final List<String> calls = new ArrayList<>();

    @BeforeEach
    void registerDelegates() {
        init(engine);
        Mocks.register("readImagesDelegate", (JavaDelegate) execution -> { });
        Mocks.register("triageTicketDelegate", (JavaDelegate) execution -> {
            calls.add("triage");
            execution.setVariable(VAR_REFUND_INTENT, true);
            execution.setVariable(VAR_ORDER_ID, "A1001");
            execution.setVariable(VAR_BOT_TASK_TIMEOUT, "PT1H");
            execution.setVariable(VAR_REFUND_COMPLETION_TIMEOUT, "P7D");
        });
        Mocks.register("findKnowledgeAnswerDelegate", recorder("find-answer"));
        Mocks.register("resolveRefundedDelegate", recorder("resolve-refunded"));
        Mocks.register("handRefundToBillingDelegate", recorder("hand-to-billing"));
        Mocks.register("routeTicketDelegate", (JavaDelegate) execution -> {
            calls.add("route");
            execution.setVariable(VAR_QUEUE, "billing_team");
            execution.setVariable(VAR_PRIORITY, "MEDIUM");
            execution.setVariable(VAR_ESCALATE_AT_ONCE, false);
            execution.setVariable(VAR_ESCALATION_DUE, Date.from(Instant.now().plus(Duration.ofHours(2))));
        });
        Mocks.register("noteCustomerMessageDelegate", recorder("note"));
        Mocks.register("openToWholeQueueDelegate", recorder("open-to-whole-queue"));
        Mocks.register("sootheCustomerDelegate", recorder("soothe"));
        Mocks.register("escalateTicketDelegate", recorder("escalate"));
        Mocks.register("ticketAssignmentListener", (TaskListener) task -> calls.add("assigned"));
    }

    @AfterEach
    void reset() {
        Mocks.reset();
        ClockUtil.reset();
    }

    @Test
    void anEligibleOrderIsRefundedTheCustomerToldTwiceAndTheTicketResolvedWhenTheErpCompletes() {
        ProcessInstance ticket = startRefund(1);
        ProcessInstance refund = refundOf(ticket);
        Assertions.assertThat(refund.getBusinessKey()).as("business key = ticket id").isEqualTo("1");

        LockedExternalTask lookUp = fetch(TOPIC_ERP_ORDER_LOOKUP);
        Assertions.assertThat(lookUp.getVariables()).containsEntry(VAR_TICKET_ID, 1L).containsEntry(VAR_ORDER_ID, "A1001");
        externalTaskService().complete(lookUp.getId(), "worker-1", Map.of(VAR_ORDER_FOUND, true, VAR_ORDER_ELIGIBLE, true,
                VAR_ORDER_AMOUNT, "59.90", VAR_ORDER_CURRENCY, "CNY", VAR_BOT_FINDINGS, "Order A1001: eligible"));
        LockedExternalTask file = fetch(TOPIC_ERP_REFUND_REQUEST);
        Assertions.assertThat(file.getVariables()).containsEntry(VAR_ORDER_AMOUNT, "59.90");
        externalTaskService().complete(file.getId(), "worker-1", Map.of(VAR_REFUND_ID, "R-77"));
        LockedExternalTask filed = fetch(TOPIC_CUSTOMER_FOLLOW_UP);
        Assertions.assertThat(filed.getVariables()).containsEntry(VAR_FOLLOW_UP, "refund-filed");
        externalTaskService().complete(filed.getId(), "worker-1");

        assertThat(refund).isWaitingAt(GATEWAY_AWAIT_REFUND_COMPLETED);
        runtimeService().createMessageCorrelation(MSG_REFUND_COMPLETED).processInstanceBusinessKey("1").correlate();
        LockedExternalTask refunded = fetch(TOPIC_CUSTOMER_FOLLOW_UP);
        Assertions.assertThat(refunded.getVariables()).containsEntry(VAR_FOLLOW_UP, "refund-completed");
        externalTaskService().complete(refunded.getId(), "worker-1");

        assertThat(refund).hasPassedInOrder(TASK_LOOK_UP_ORDER, TASK_FILE_REFUND, TASK_TELL_CUSTOMER_REFUND_FILED,
                EVENT_REFUND_COMPLETED, TASK_TELL_CUSTOMER_REFUNDED, END_REFUNDED).isEnded();
        execute(job(ticket));
        assertThat(ticket).hasPassedInOrder(CALL_REFUND_REQUEST, GATEWAY_REFUND_OUTCOME, TASK_RESOLVE_REFUNDED)
                .isWaitingAt(GATEWAY_AWAIT_REPLY_OR_CLOSE)
                .variables().containsEntry(VAR_REFUND_OUTCOME, OUTCOME_REFUNDED).containsEntry(VAR_REFUND_ID, "R-77");
        Assertions.assertThat(calls).containsExactly("triage", "resolve-refunded");
    }

    @Test
    void anOrderThatIsNotEligibleGoesToBillingWithWhatTheBotFound() {
        ProcessInstance ticket = startRefund(2);
        ProcessInstance refund = refundOf(ticket);
        LockedExternalTask lookUp = fetch(TOPIC_ERP_ORDER_LOOKUP);
        externalTaskService().complete(lookUp.getId(), "worker-1", Map.of(VAR_ORDER_FOUND, true, VAR_ORDER_ELIGIBLE, false,
                VAR_ORDER_STATUS, "SHIPPED", VAR_BOT_FINDINGS, "Order A1001 (SHIPPED): the ERP says not refundable"));

        assertThat(refund).hasPassed(GATEWAY_TO_BILLING, END_HANDED_TO_BILLING).isEnded();
        assertBilled(ticket, "not refundable");
        assertThat(ticket).variables().containsEntry(VAR_ORDER_STATUS, "SHIPPED");
    }

    @Test
    void anOrderTheErpDoesNotKnowIsABpmnErrorAndGoesToBilling() {
        ProcessInstance ticket = startRefund(3);
        ProcessInstance refund = refundOf(ticket);
        LockedExternalTask lookUp = fetch(TOPIC_ERP_ORDER_LOOKUP);
        externalTaskService().handleBpmnError(lookUp.getId(), "worker-1", ERROR_ORDER_NOT_FOUND, "no order A1001",
                Map.of(VAR_ORDER_FOUND, false, VAR_BOT_FINDINGS, "The ERP has no order A1001"));

        assertThat(refund).hasPassed(BOUNDARY_ORDER_NOT_FOUND, END_HANDED_TO_BILLING).isEnded();
        assertBilled(ticket, "no order A1001");
    }

    @Test
    void aRefundTheErpRefusesGoesToBilling() {
        ProcessInstance ticket = startRefund(4);
        ProcessInstance refund = refundOf(ticket);
        externalTaskService().complete(fetch(TOPIC_ERP_ORDER_LOOKUP).getId(), "worker-1",
                Map.of(VAR_ORDER_FOUND, true, VAR_ORDER_ELIGIBLE, true));
        externalTaskService().handleBpmnError(fetch(TOPIC_ERP_REFUND_REQUEST).getId(), "worker-1", ERROR_REFUND_REFUSED,
                "refused", Map.of(VAR_BOT_FINDINGS, "The ERP refused the refund: already refunded"));

        assertThat(refund).hasPassed(BOUNDARY_REFUND_REFUSED, END_HANDED_TO_BILLING).isEnded();
        assertBilled(ticket, "already refunded");
    }

    @Test
    void aBotOutOfRetriesIsAnIncidentAndBotGaveUpHandsTheTicketToBilling() {
        ProcessInstance ticket = startRefund(5);
        ProcessInstance refund = refundOf(ticket);
        LockedExternalTask lookUp = fetch(TOPIC_ERP_ORDER_LOOKUP);
        externalTaskService().handleFailure(lookUp.getId(), "worker-1", "ERP down: connection refused", null, 0, 0);
        Incident incident = runtimeService().createIncidentQuery().processInstanceId(refund.getId()).singleResult();
        Assertions.assertThat(incident.getIncidentType()).isEqualTo("failedExternalTask");

        EventSubscription gaveUp = runtimeService().createEventSubscriptionQuery().processInstanceId(refund.getId())
                .eventName(MSG_BOT_GAVE_UP).executionId(incident.getExecutionId()).singleResult();
        runtimeService().setVariable(refund.getId(), VAR_BOT_FINDINGS, "The bot gave up: ERP down: connection refused");
        runtimeService().messageEventReceived(MSG_BOT_GAVE_UP, gaveUp.getExecutionId());

        assertThat(refund).hasPassed(BOUNDARY_LOOK_UP_GAVE_UP, END_HANDED_TO_BILLING).isEnded();
        Assertions.assertThat(runtimeService().createIncidentQuery().processInstanceId(refund.getId()).count())
                .as("the incident ends with its task").isZero();
        assertBilled(ticket, "ERP down");
    }

    @Test
    void aBotStepNoWorkerTakesWithinTheBotTimeoutGoesToBilling() {
        ProcessInstance ticket = startRefund(6);
        ProcessInstance refund = refundOf(ticket);
        Job timeout = managementService().createJobQuery().processInstanceId(refund.getId()).timers().singleResult();
        Assertions.assertThat(timeout.getDuedate().toInstant())
                .isCloseTo(ClockUtil.getCurrentTime().toInstant().plus(Duration.ofHours(1)), Assertions.within(Duration.ofSeconds(10)));
        execute(timeout);

        assertThat(refund).hasPassed(BOUNDARY_LOOK_UP_TIMEOUT, END_HANDED_TO_BILLING).isEnded();
        assertBilled(ticket, null);
    }

    @Test
    void anErpThatNeverConfirmsTheRefundHandsTheTicketToBillingAfterTheCompletionTimeout() {
        ProcessInstance ticket = startRefund(7);
        ProcessInstance refund = refundOf(ticket);
        externalTaskService().complete(fetch(TOPIC_ERP_ORDER_LOOKUP).getId(), "worker-1",
                Map.of(VAR_ORDER_FOUND, true, VAR_ORDER_ELIGIBLE, true));
        externalTaskService().complete(fetch(TOPIC_ERP_REFUND_REQUEST).getId(), "worker-1", Map.of(VAR_REFUND_ID, "R-9"));
        externalTaskService().complete(fetch(TOPIC_CUSTOMER_FOLLOW_UP).getId(), "worker-1");

        Job overdue = managementService().createJobQuery().processInstanceId(refund.getId()).timers()
                .activityId(EVENT_REFUND_COMPLETION_OVERDUE).singleResult();
        Assertions.assertThat(overdue.getDuedate().toInstant())
                .isCloseTo(ClockUtil.getCurrentTime().toInstant().plus(Duration.ofDays(7)), Assertions.within(Duration.ofSeconds(10)));
        execute(overdue);

        assertThat(refund).hasPassed(EVENT_REFUND_COMPLETION_OVERDUE, END_HANDED_TO_BILLING).isEnded();
        assertBilled(ticket, null);
        assertThat(ticket).variables().containsEntry(VAR_REFUND_ID, "R-9");
    }

    @Test
    void aTicketWithoutRefundIntentNeverCallsTheRefundProcess() {
        Mocks.register("triageTicketDelegate", recorder("triage"));
        ProcessInstance ticket = runtimeService().startProcessInstanceByKey(TicketLifecycleProcess.PROCESS_ID, "8",
                Map.of(VAR_TICKET_ID, 8L, VAR_AUTO_CLOSE_AFTER, "PT1H", VAR_SKILLS_TIMEOUT, "PT2M", VAR_SOOTHE_AFTER, "PT30S"));
        execute(job(ticket));

        assertThat(ticket).hasPassed(GATEWAY_REFUND_INTENT, TASK_FIND_KNOWLEDGE_ANSWER).hasNotPassed(CALL_REFUND_REQUEST)
                .isWaitingAt(TASK_AGENT_WORK);
    }

    private void assertBilled(ProcessInstance ticket, String findings) {
        execute(job(ticket));
        assertThat(ticket).hasPassedInOrder(CALL_REFUND_REQUEST, TASK_HAND_REFUND_TO_BILLING, TASK_ROUTE)
                .isWaitingAt(TASK_AGENT_WORK)
                .variables().containsEntry(VAR_REFUND_OUTCOME, OUTCOME_BILLING);
        if (findings != null) {
            Assertions.assertThat((String) runtimeService().getVariable(ticket.getId(), VAR_BOT_FINDINGS)).contains(findings);
        }
        Assertions.assertThat(calls).containsExactly("triage", "hand-to-billing", "route");
    }

    private ProcessInstance startRefund(long ticketId) {
        ProcessInstance ticket = runtimeService().startProcessInstanceByKey(TicketLifecycleProcess.PROCESS_ID,
                String.valueOf(ticketId), Map.of(VAR_TICKET_ID, ticketId, VAR_AUTO_CLOSE_AFTER, "PT1H",
                        VAR_SKILLS_TIMEOUT, "PT2M", VAR_SOOTHE_AFTER, "PT30S"));
        execute(job(ticket));
        assertThat(ticket).isWaitingAt(CALL_REFUND_REQUEST);
        return ticket;
    }

    private ProcessInstance refundOf(ProcessInstance ticket) {
        ProcessInstance refund = runtimeService().createProcessInstanceQuery().superProcessInstanceId(ticket.getId())
                .singleResult();
        Assertions.assertThat(refund).as("the running refund sub-process").isNotNull();
        return refund;
    }

    private static LockedExternalTask fetch(String topic) {
        List<LockedExternalTask> locked = externalTaskService().fetchAndLock(1, "worker-1").topic(topic, 60_000L).execute();
        Assertions.assertThat(locked).as("a task on " + topic).hasSize(1);
        return locked.get(0);
    }

    private JavaDelegate recorder(String name) {
        return execution -> calls.add(name);
    }
}
