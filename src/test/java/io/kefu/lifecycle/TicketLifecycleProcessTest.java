package io.kefu.lifecycle;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.cfg.StandaloneInMemProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.camunda.bpm.engine.test.mock.MockExpressionManager;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.assertj.core.api.Assertions;

import io.kefu.ticket.Classification;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static io.kefu.lifecycle.TicketLifecycleProcess.*;
import static org.assertj.core.api.Assertions.within;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.*;

/**
 * One test per path through {@code processes/TicketLifecycle.bpmn}, on a bare engine with the
 * delegates replaced by recorders: checks the model, not the features behind it.
 */
@Deployment(resources = "kefu/processes/TicketLifecycle.bpmn")
class TicketLifecycleProcessTest {

    static ProcessEngine engine = ((StandaloneInMemProcessEngineConfiguration) new StandaloneInMemProcessEngineConfiguration()
            .setExpressionManager(new MockExpressionManager()))
            .setJdbcUrl("jdbc:h2:mem:lifecycle-process-test;DB_CLOSE_DELAY=1000")
            .setJobExecutorActivate(false)
            .setHistory(ProcessEngineConfiguration.HISTORY_FULL)
            .buildProcessEngine();

    @RegisterExtension
    static ProcessEngineExtension extension = ProcessEngineExtension.builder().useProcessEngine(engine).build();

    private final List<String> calls = new ArrayList<>();
    /** The article the knowledge-base step finds for the next ticket; null = no confident answer. */
    private Long knowledgeAnswer;
    /** Whether that article is deleted before the bot sends it. */
    private boolean articleGone;
    /** How many times the image step fails (an image being read elsewhere) before it passes. */
    private int imagesStillReading;
    /** What the soothing step records as the wait it soothed. */
    private Integer soothedWaitAfter = 0;
    /** Whether the reminder check finds the wait still holding (and claims its reminder). */
    private boolean reminderStillDue = true;
    /** When the wait the check claims was set. */
    private static final Date WAIT_SET_AT = Date.from(Instant.parse("2026-12-02T08:00:00Z"));

    @BeforeEach
    void registerDelegates() {
        init(engine);
        Mocks.register("readImagesDelegate", (JavaDelegate) execution -> {
            if (imagesStillReading > 0) {
                imagesStillReading--;
                throw new IllegalStateException("Image 7 of ticket 43 is still being read");
            }
        });
        Mocks.register("triageTicketDelegate", recorder("triage"));
        Mocks.register("findKnowledgeAnswerDelegate", (JavaDelegate) execution -> {
            calls.add("find-answer");
            if (knowledgeAnswer != null) {
                execution.setVariable(VAR_BOT_ARTICLE_ID, knowledgeAnswer);
            }
        });
        Mocks.register("sendBotAnswerDelegate", (JavaDelegate) execution -> {
            calls.add("bot-answer:" + execution.getVariable(VAR_BOT_ARTICLE_ID));
            if (articleGone) {
                throw new BpmnError(ERROR_ARTICLE_GONE);
            }
            execution.setVariable(VAR_BOT_FEEDBACK_TIMEOUT, "PT30M");
        });
        Mocks.register("resolveByBotDelegate", recorder("resolve-by-bot"));
        Mocks.register("routeTicketDelegate", (JavaDelegate) execution -> {
            calls.add("route");
            execution.setVariable(VAR_QUEUE, "billing_team");
            execution.setVariable(VAR_PRIORITY, "HIGH");
            execution.setVariable(VAR_ESCALATE_AT_ONCE, false);
            execution.setVariable(VAR_ESCALATION_DUE, java.util.Date.from(Instant.now().plus(Duration.ofHours(2))));
        });
        Mocks.register("resolveTicketDelegate", recorder("resolve"));
        Mocks.register("closeTicketDelegate", recorder("close"));
        Mocks.register("reopenTicketDelegate", recorder("reopen"));
        Mocks.register("noteCustomerMessageDelegate", recorder("note"));
        Mocks.register("openToWholeQueueDelegate", recorder("open-to-whole-queue"));
        Mocks.register("sootheCustomerDelegate", (JavaDelegate) execution -> {
            calls.add("soothe:" + execution.getVariable(VAR_SOOTHED_WAIT));
            execution.getProcessInstance().setVariable(VAR_SOOTHED_WAIT, soothedWaitAfter);
        });
        Mocks.register("followUpDueDelegate", recorder("follow-up-due"));
        Mocks.register("checkReminderDueDelegate", (JavaDelegate) execution -> {
            calls.add("check-reminder");
            execution.setVariableLocal(VAR_REMINDER_DUE, reminderStillDue);
            if (reminderStillDue) {
                execution.setVariableLocal(VAR_WAIT_SET_AT, WAIT_SET_AT);
            }
        });
        Mocks.register("ticketAssignmentListener", (TaskListener) task -> calls.add("assigned:" + task.getAssignee()));
    }

    @AfterEach
    void reset() {
        Mocks.reset();
        ClockUtil.reset();
    }

    @Test
    void afterTheSkillsTimeoutTheWaitingTicketIsOfferedToTheWholeQueueAndKeepsWaiting() {
        ProcessInstance ticket = startAndRoute(21);
        String taskId = task(ticket).getId();
        Job timer = job(BOUNDARY_SKILLS_TIMEOUT);
        Assertions.assertThat(timer.getDuedate().toInstant())
                .isCloseTo(ClockUtil.getCurrentTime().toInstant().plus(Duration.ofMinutes(2)), within(Duration.ofSeconds(5)));
        Assertions.assertThat(managementService().createJobQuery().timers().executable().list())
                .extracting(Job::getId).as("not due yet").doesNotContain(timer.getId());

        ClockUtil.setCurrentTime(java.util.Date.from(timer.getDuedate().toInstant().plusSeconds(1)));
        Assertions.assertThat(managementService().createJobQuery().executable().list()).extracting(Job::getId)
                .as("due once the engine's clock passed it").contains(timer.getId());
        execute(timer);

        assertThat(ticket).hasPassedInOrder(BOUNDARY_SKILLS_TIMEOUT, TASK_OPEN_TO_WHOLE_QUEUE, END_OPENED_TO_WHOLE_QUEUE)
                .isWaitingAt(TASK_AGENT_WORK);
        Assertions.assertThat(task(ticket).getId()).as("the same agent task, not interrupted").isEqualTo(taskId);
        Assertions.assertThat(calls).endsWith("route", "open-to-whole-queue");
    }

    @Test
    void aTicketTakenBeforeTheSkillsTimeoutHasNoTimerLeft() {
        ProcessInstance ticket = startAndRoute(22);

        complete(task(ticket));

        Assertions.assertThat(job(BOUNDARY_SKILLS_TIMEOUT)).isNull();
        Assertions.assertThat(calls).doesNotContain("open-to-whole-queue");
    }

    @Test
    void customerWaitingForAnAgentIsSoothedWhenSootheAfterPassesAndKeepsWaiting() {
        Instant routedAt = Instant.parse("2026-12-02T08:00:00Z");
        ClockUtil.setCurrentTime(Date.from(routedAt));
        ProcessInstance ticket = startAndRoute(21);
        String taskId = task(ticket).getId();

        Job soothe = job(BOUNDARY_SOOTHE_CUSTOMER);
        Assertions.assertThat(soothe.getDuedate().toInstant()).isEqualTo(routedAt.plusSeconds(30));
        Assertions.assertThat(managementService().createJobQuery().timers().duedateLowerThan(Date.from(routedAt
                .plusSeconds(29))).count()).as("nothing is due before the 30 s").isZero();

        ClockUtil.setCurrentTime(Date.from(routedAt.plusSeconds(30)));
        Assertions.assertThat(managementService().createJobQuery().executable().list()).extracting(Job::getId)
                .containsExactly(soothe.getId());
        execute(soothe);

        assertThat(ticket).hasPassedInOrder(BOUNDARY_SOOTHE_CUSTOMER, TASK_SOOTHE_CUSTOMER, END_CUSTOMER_SOOTHED)
                .isWaitingAt(TASK_AGENT_WORK);
        Assertions.assertThat(task(ticket).getId()).as("the same agent task: the timer does not interrupt")
                .isEqualTo(taskId);
        Assertions.assertThat(calls).containsExactly("triage", "find-answer", "route", "soothe:null");
        Assertions.assertThat(job(BOUNDARY_SOOTHE_CUSTOMER)).as("once per wait, not every 30 s").isNull();
        Assertions.assertThat(runtimeService().getVariable(ticket.getId(), VAR_SOOTHED_WAIT)).isEqualTo(0);
    }

    @Test
    void resolvingBeforeSootheAfterRemovesTheSoothingTimer() {
        ProcessInstance ticket = startAndRoute(22);
        Assertions.assertThat(job(BOUNDARY_SOOTHE_CUSTOMER)).isNotNull();

        complete(task(ticket));

        Assertions.assertThat(job(BOUNDARY_SOOTHE_CUSTOMER)).isNull();
        Assertions.assertThat(calls).doesNotContain("soothe:null");
    }

    @Test
    void aReopenedTicketWaitsAnewAndIsSoothedAgainTellingTheStepWhichWaitWasSoothed() {
        ProcessInstance ticket = startAndRoute(23);
        execute(job(BOUNDARY_SOOTHE_CUSTOMER));
        complete(task(ticket));
        runtimeService().createMessageCorrelation(MSG_CUSTOMER_REPLIED).processInstanceBusinessKey("23").correlate();
        execute(job(ticket));
        assertThat(ticket).isWaitingAt(TASK_AGENT_WORK);

        soothedWaitAfter = 1;
        execute(job(BOUNDARY_SOOTHE_CUSTOMER));

        Assertions.assertThat(calls).containsSubsequence("soothe:null", "reopen", "route", "soothe:0");
        Assertions.assertThat(runtimeService().getVariable(ticket.getId(), VAR_SOOTHED_WAIT)).isEqualTo(1);
    }

    @Test
    void newTicketIsTriagedRoutedAndWaitsInItsQueue() {
        ProcessInstance ticket = start(42);

        assertThat(ticket).isWaitingAt(TASK_READ_IMAGES);
        execute(job(ticket));

        assertThat(ticket).hasPassedInOrder(TASK_READ_IMAGES, TASK_TRIAGE, TASK_FIND_KNOWLEDGE_ANSWER, TASK_ROUTE)
                .hasNotPassed(TASK_SEND_BOT_ANSWER).isWaitingAt(TASK_AGENT_WORK);
        assertThat(task()).hasCandidateGroup("billing_team").isNotAssigned();
        Assertions.assertThat(calls).containsExactly("triage", "find-answer", "route");
        Assertions.assertThat(runtimeService().getVariable(ticket.getId(), VAR_BOT_ARTICLE_ID))
                .as("no variable row for tickets the bot does not answer").isNull();
        Assertions.assertThat(ticket.getBusinessKey()).isEqualTo("42");
    }

    @Test
    void whileAnImageIsReadElsewhereTheTicketWaitsAtReadImagesAndTheEngineRetriesEveryTenSeconds() {
        imagesStillReading = 2;
        ProcessInstance ticket = start(43);
        Job read = job(ticket);
        Assertions.assertThat(read.getRetries()).as("R12/PT10S: 12 tries").isEqualTo(12);

        Assertions.assertThatThrownBy(() -> execute(read)).hasMessageContaining("still being read");

        Job retried = job(ticket);
        Assertions.assertThat(retried.getRetries()).as("one used").isEqualTo(11);
        Assertions.assertThat(retried.getDuedate().toInstant())
                .isCloseTo(ClockUtil.getCurrentTime().toInstant().plusSeconds(10), within(Duration.ofSeconds(2)));
        Assertions.assertThat(retried.getExceptionMessage()).contains("Image 7 of ticket 43 is still being read");
        assertThat(ticket).isWaitingAt(TASK_READ_IMAGES).hasNotPassed(TASK_TRIAGE);
        Assertions.assertThat(calls).isEmpty();

        Assertions.assertThatThrownBy(() -> execute(job(ticket))).hasMessageContaining("still being read");
        execute(job(ticket));

        assertThat(ticket).hasPassedInOrder(TASK_READ_IMAGES, TASK_TRIAGE, TASK_FIND_KNOWLEDGE_ANSWER, TASK_ROUTE)
                .isWaitingAt(TASK_AGENT_WORK);
        Assertions.assertThat(calls).containsExactly("triage", "find-answer", "route");
    }

    @Test
    void theImagesReadBeforeTriageReachItInTheSameJobWithoutBeingStored() {
        List<Object> seen = new ArrayList<>();
        Mocks.register("readImagesDelegate", (JavaDelegate) execution -> TicketVariables.handOnImages(execution,
                Map.of(70L, new io.kefu.chat.MessageImages(List.of("error.png"), "Error 1043: payment failed"))));
        Mocks.register("triageTicketDelegate", (JavaDelegate) execution -> {
            calls.add("triage");
            seen.add(TicketVariables.handedOnImages(execution).orElseThrow().get(70L).joinedWith("error.png"));
        });
        ProcessInstance ticket = start(44);

        execute(job(ticket));

        Assertions.assertThat(seen).containsExactly("Error 1043: payment failed");
        Assertions.assertThat(runtimeService().getVariables(ticket.getId())).doesNotContainKey(TicketVariables.TRANSIENT_IMAGES);
        Assertions.assertThat(historyService().createHistoricVariableInstanceQuery().processInstanceId(ticket.getId())
                .variableName(TicketVariables.TRANSIENT_IMAGES).count()).isZero();
    }

    @Test
    void triageHandsItsFactsToTheBotStepWithinTheJobWithoutStoringThem() {
        Classification facts = new Classification(List.of("refund", "complaint"), "NEGATIVE", -0.7, "zh");
        List<Object> seen = new ArrayList<>();
        Mocks.register("triageTicketDelegate", (JavaDelegate) execution -> {
            calls.add("triage");
            TicketVariables.handOn(execution, "我要退款，太慢了！", facts);
        });
        Mocks.register("findKnowledgeAnswerDelegate", (JavaDelegate) execution -> {
            calls.add("find-answer");
            seen.add(TicketVariables.handedOn(execution));
        });
        ProcessInstance ticket = start(9);

        execute(job(ticket));

        Assertions.assertThat(seen).containsExactly(java.util.Optional.of(
                new TicketVariables.TriagedMessage("我要退款，太慢了！", facts)));
        Assertions.assertThat(runtimeService().getVariables(ticket.getId()))
                .as("transient: never written").doesNotContainKeys(TicketVariables.TRANSIENT_FIRST_MESSAGE,
                        TicketVariables.TRANSIENT_INTENTS, TicketVariables.TRANSIENT_SENTIMENT,
                        TicketVariables.TRANSIENT_SENTIMENT_SCORE, TicketVariables.TRANSIENT_LANGUAGE);
        Assertions.assertThat(historyService().createHistoricVariableInstanceQuery()
                .processInstanceId(ticket.getId()).variableName(TicketVariables.TRANSIENT_FIRST_MESSAGE).count())
                .isZero();
    }

    @Test
    void withoutTriageInTheSameTransactionTheBotStepFindsNoHandedOnFacts() {
        List<Object> seen = new ArrayList<>();
        Mocks.register("findKnowledgeAnswerDelegate", (JavaDelegate) execution -> seen.add(TicketVariables.handedOn(execution)));

        execute(job(start(10)));

        Assertions.assertThat(seen).containsExactly(java.util.Optional.empty());
    }

    @Test
    void claimingTheAgentTaskAssignsTheTicket() {
        ProcessInstance ticket = startAndRoute(7);

        claim(task(ticket), "alice");

        Assertions.assertThat(calls).endsWith("assigned:alice");
        assertThat(task(ticket)).isAssignedTo("alice");
    }

    @Test
    void resolvedTicketClosesWhenTheCustomerDoesNotReplyBeforeAutoClose() {
        ProcessInstance ticket = startAndRoute(7);

        complete(task(ticket));

        assertThat(ticket).hasPassed(TASK_MARK_RESOLVED).isWaitingAt(GATEWAY_AWAIT_REPLY_OR_CLOSE);
        Job timer = job(EVENT_AUTO_CLOSE_DUE);
        Assertions.assertThat(timer.getDuedate().toInstant()).isCloseTo(Instant.now().plus(Duration.ofHours(1)), within(Duration.ofMinutes(1)));
        execute(timer);

        assertThat(ticket).hasPassedInOrder(TASK_MARK_RESOLVED, TASK_CLOSE, END_TICKET_CLOSED).isEnded();
        Assertions.assertThat(calls).containsExactly("triage", "find-answer", "route", "resolve", "close");
    }

    @Test
    void customerReplyToResolvedTicketReopensItAndRoutesItAgain() {
        ProcessInstance ticket = startAndRoute(7);
        complete(task(ticket));

        runtimeService().createMessageCorrelation(MSG_CUSTOMER_REPLIED).processInstanceBusinessKey("7").correlate();

        assertThat(ticket).isWaitingAt(TASK_REOPEN);
        execute(job(ticket));
        assertThat(ticket).isWaitingAt(TASK_AGENT_WORK);
        Assertions.assertThat(calls).containsExactly("triage", "find-answer", "route", "resolve", "reopen", "route");
        Assertions.assertThat(job(EVENT_AUTO_CLOSE_DUE)).as("the auto-close timer is gone after the reply").isNull();
    }

    @Test
    void customerMessageWhileWaitingIsNotedAndTheTicketKeepsWaiting() {
        ProcessInstance ticket = startAndRoute(7);
        String taskId = task(ticket).getId();

        runtimeService().createMessageCorrelation(MSG_CUSTOMER_MESSAGE).processInstanceBusinessKey("7").correlate();

        assertThat(ticket).hasPassed(TASK_NOTE_CUSTOMER_MESSAGE).isWaitingAt(TASK_AGENT_WORK);
        Assertions.assertThat(task(ticket).getId()).as("the same agent task, not a new one").isEqualTo(taskId);
        Assertions.assertThat(calls).endsWith("note");
    }

    @Test
    void customerMessageBeforeTriageIsNotedToo() {
        ProcessInstance ticket = start(9);

        runtimeService().createMessageCorrelation(MSG_CUSTOMER_MESSAGE).processInstanceBusinessKey("9").correlate();

        Assertions.assertThat(calls).containsExactly("note");
        assertThat(ticket).isWaitingAt(TASK_READ_IMAGES);
    }

    @Test
    void confidentBotAnswerTheCustomerAcceptsResolvesTheTicketWithoutAnAgent() {
        knowledgeAnswer = 501L;
        ProcessInstance ticket = start(11);
        execute(job(ticket));

        assertThat(ticket).hasPassedInOrder(TASK_TRIAGE, TASK_FIND_KNOWLEDGE_ANSWER, TASK_SEND_BOT_ANSWER)
                .isWaitingAt(GATEWAY_AWAIT_BOT_FEEDBACK);
        Assertions.assertThat(taskService().createTaskQuery().processInstanceId(ticket.getId()).count())
                .as("no agent task while the bot waits").isZero();

        correlateBotFeedback("11", true);
        execute(job(ticket));

        assertThat(ticket).hasPassed(TASK_RESOLVE_BY_BOT).hasNotPassed(TASK_ROUTE, TASK_AGENT_WORK)
                .isWaitingAt(GATEWAY_AWAIT_REPLY_OR_CLOSE);
        Assertions.assertThat(calls).containsExactly("triage", "find-answer", "bot-answer:501", "resolve-by-bot");
        Assertions.assertThat(job(EVENT_BOT_FEEDBACK_TIMEOUT)).as("the feedback timer is gone").isNull();
        execute(job(EVENT_AUTO_CLOSE_DUE));
        assertThat(ticket).hasPassed(TASK_CLOSE).isEnded();
    }

    @Test
    void botAnswerTheCustomerRejectsGoesToAnAgent() {
        knowledgeAnswer = 502L;
        ProcessInstance ticket = start(12);
        execute(job(ticket));

        correlateBotFeedback("12", false);
        execute(job(ticket));

        assertThat(ticket).hasPassedInOrder(TASK_SEND_BOT_ANSWER, TASK_ROUTE).hasNotPassed(TASK_RESOLVE_BY_BOT)
                .isWaitingAt(TASK_AGENT_WORK);
        assertThat(task(ticket)).hasCandidateGroup("billing_team");
        Assertions.assertThat(calls).containsExactly("triage", "find-answer", "bot-answer:502", "route");
    }

    @Test
    void botAnswerWithoutAReplyGoesToAnAgentWhenTheFeedbackTimeoutPasses() {
        knowledgeAnswer = 503L;
        ProcessInstance ticket = start(13);
        execute(job(ticket));

        Job timeout = job(EVENT_BOT_FEEDBACK_TIMEOUT);
        Assertions.assertThat(timeout.getDuedate().toInstant())
                .isCloseTo(Instant.now().plus(Duration.ofMinutes(30)), within(Duration.ofMinutes(1)));
        execute(timeout);

        assertThat(ticket).hasPassed(EVENT_BOT_FEEDBACK_TIMEOUT, TASK_ROUTE).isWaitingAt(TASK_AGENT_WORK);
        Assertions.assertThat(calls).containsExactly("triage", "find-answer", "bot-answer:503", "route");
    }

    @Test
    void ticketResolvedByTheBotReopensToAnAgentWhenTheCustomerWritesAgain() {
        knowledgeAnswer = 504L;
        ProcessInstance ticket = start(14);
        execute(job(ticket));
        correlateBotFeedback("14", true);
        execute(job(ticket));

        runtimeService().createMessageCorrelation(MSG_CUSTOMER_REPLIED).processInstanceBusinessKey("14").correlate();
        execute(job(ticket));

        assertThat(ticket).hasPassed(TASK_REOPEN).isWaitingAt(TASK_AGENT_WORK);
        Assertions.assertThat(calls).endsWith("resolve-by-bot", "reopen", "route");
    }

    @Test
    void anArticleDeletedBeforeTheBotSendsItLeavesTheTicketToAnAgent() {
        knowledgeAnswer = 505L;
        articleGone = true;
        ProcessInstance ticket = start(15);
        execute(job(ticket));

        assertThat(ticket).hasPassed(BOUNDARY_ARTICLE_GONE, TASK_ROUTE).isWaitingAt(TASK_AGENT_WORK);
        Assertions.assertThat(calls).containsExactly("triage", "find-answer", "bot-answer:505", "route");
    }

    @Test
    void anAgentsWaitRemindsTheCustomerThroughTheBotAndThenComesBackAtTheFollowUpTime() {
        Instant setAt = Instant.parse("2026-12-02T08:00:00Z");
        ClockUtil.setCurrentTime(Date.from(setAt));
        ProcessInstance ticket = startAndRoute(31);
        waitForCustomer("31", setAt.plus(Duration.ofHours(48)), setAt.plus(Duration.ofHours(24)));

        Job remind = job(TIMER_REMIND_CUSTOMER);
        Job followUp = job(TIMER_FOLLOW_UP_DUE);
        Assertions.assertThat(remind.getDuedate().toInstant()).isEqualTo(setAt.plus(Duration.ofHours(24)));
        Assertions.assertThat(followUp.getDuedate().toInstant()).isEqualTo(setAt.plus(Duration.ofHours(48)));

        ClockUtil.setCurrentTime(Date.from(setAt.plus(Duration.ofHours(24))));
        execute(remind);
        org.camunda.bpm.engine.externaltask.ExternalTask bot = externalTaskService().createExternalTaskQuery()
                .processInstanceId(ticket.getId()).activityId(TASK_REMIND_CUSTOMER).singleResult();
        Assertions.assertThat(bot.getTopicName()).isEqualTo("customer-follow-up");
        List<org.camunda.bpm.engine.externaltask.LockedExternalTask> locked = externalTaskService()
                .fetchAndLock(1, "test-bot").topic("customer-follow-up", 60_000).execute();
        Assertions.assertThat(locked).singleElement().satisfies(task -> {
            Assertions.assertThat(task.getVariables().get("followUp")).isEqualTo("waiting-reminder");
            Assertions.assertThat(task.getVariables().get(VAR_WAIT_SET_AT)).isEqualTo(WAIT_SET_AT);
        });
        Assertions.assertThat(job(BOUNDARY_REMINDER_TOO_LATE).getDuedate().toInstant())
                .as("a reminder no bot sent is dropped at the follow-up time").isEqualTo(setAt.plus(Duration.ofHours(48)));
        externalTaskService().complete(locked.get(0).getId(), "test-bot", Map.of("followUpSent", true));
        Assertions.assertThat(job(BOUNDARY_REMINDER_TOO_LATE)).isNull();

        ClockUtil.setCurrentTime(Date.from(setAt.plus(Duration.ofHours(48))));
        execute(job(TIMER_FOLLOW_UP_DUE));

        assertThat(ticket).hasPassedInOrder(TIMER_REMIND_CUSTOMER, TASK_CHECK_REMINDER_DUE, TASK_REMIND_CUSTOMER,
                END_CUSTOMER_REMINDED).hasPassed(TIMER_FOLLOW_UP_DUE, TASK_FOLLOW_UP_DUE).isWaitingAt(TASK_AGENT_WORK);
        Assertions.assertThat(calls).containsSubsequence("route", "check-reminder", "follow-up-due");
        Assertions.assertThat(runtimeService().createExecutionQuery().processInstanceId(ticket.getId())
                .activityId("SubProcess_WaitForCustomer").count()).as("the wait is over").isZero();
    }

    @Test
    void aWaitWithoutAReminderOnlyComesBackAtTheFollowUpTime() {
        ProcessInstance ticket = startAndRoute(32);
        waitForCustomer("32", Instant.now().plus(Duration.ofHours(4)), null);

        Assertions.assertThat(job(TIMER_REMIND_CUSTOMER)).isNull();
        assertThat(ticket).hasPassed(GATEWAY_REMINDER_PLANNED, "EndEvent_NoReminder");
        execute(job(TIMER_FOLLOW_UP_DUE));

        assertThat(ticket).hasPassed(TASK_FOLLOW_UP_DUE).hasNotPassed(TASK_CHECK_REMINDER_DUE).isWaitingAt(TASK_AGENT_WORK);
    }

    @Test
    void aReminderWhoseWaitIsOverEndsWithoutTheBot() {
        ProcessInstance ticket = startAndRoute(33);
        waitForCustomer("33", Instant.now().plus(Duration.ofHours(48)), Instant.now().plus(Duration.ofHours(24)));
        reminderStillDue = false;

        execute(job(TIMER_REMIND_CUSTOMER));

        assertThat(ticket).hasPassed(TASK_CHECK_REMINDER_DUE, "EndEvent_ReminderNotDue").hasNotPassed(TASK_REMIND_CUSTOMER);
        Assertions.assertThat(externalTaskService().createExternalTaskQuery().processInstanceId(ticket.getId()).count()).isZero();
        Assertions.assertThat(job(TIMER_FOLLOW_UP_DUE)).as("the follow-up still comes").isNotNull();
    }

    @Test
    void aReminderNoBotSentByTheFollowUpTimeIsDropped() {
        ProcessInstance ticket = startAndRoute(34);
        waitForCustomer("34", Instant.now().plus(Duration.ofHours(48)), Instant.now().plus(Duration.ofHours(24)));
        execute(job(TIMER_REMIND_CUSTOMER));
        Assertions.assertThat(externalTaskService().createExternalTaskQuery().processInstanceId(ticket.getId()).count()).isOne();

        execute(job(BOUNDARY_REMINDER_TOO_LATE));

        assertThat(ticket).hasPassed(BOUNDARY_REMINDER_TOO_LATE, "EndEvent_ReminderDropped").hasNotPassed(END_CUSTOMER_REMINDED);
        Assertions.assertThat(externalTaskService().createExternalTaskQuery().processInstanceId(ticket.getId()).count()).isZero();
    }

    private void waitForCustomer(String ticketId, Instant followUpAt, Instant remindAt) {
        runtimeService().createMessageCorrelation(MSG_WAIT_FOR_CUSTOMER).processInstanceBusinessKey(ticketId)
                .setVariable(VAR_FOLLOW_UP_AT, Date.from(followUpAt))
                .setVariable(VAR_REMIND_AT, remindAt == null ? null : Date.from(remindAt))
                .correlate();
    }

    private void correlateBotFeedback(String ticketId, boolean accepted) {
        runtimeService().createMessageCorrelation(MSG_BOT_FEEDBACK).processInstanceBusinessKey(ticketId)
                .setVariable(VAR_BOT_ANSWER_ACCEPTED, accepted).correlate();
    }

    private ProcessInstance start(long ticketId) {
        return runtimeService().startProcessInstanceByKey(PROCESS_ID, String.valueOf(ticketId),
                Map.of(VAR_TICKET_ID, ticketId, VAR_AUTO_CLOSE_AFTER, "PT1H", VAR_SKILLS_TIMEOUT, "PT2M",
                        VAR_SOOTHE_AFTER, "PT30S"));
    }

    private ProcessInstance startAndRoute(long ticketId) {
        ProcessInstance ticket = start(ticketId);
        execute(job(ticket));
        assertThat(ticket).isWaitingAt(TASK_AGENT_WORK);
        return ticket;
    }

    private JavaDelegate recorder(String name) {
        return execution -> calls.add(name);
    }
}
