package io.kefu.lifecycle;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.StandaloneInMemProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.util.ClockUtil;
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
import org.mockito.Mockito;

import io.kefu.config.KefuHome;
import io.kefu.sla.BusinessDuration;
import io.kefu.sla.EscalationReason;
import io.kefu.sla.EscalationStep;
import io.kefu.sla.Escalations;
import io.kefu.sla.SlaPolicies;

import static io.kefu.lifecycle.TicketLifecycleProcess.*;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.*;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;

/**
 * Every timer path of the escalation in {@code processes/TicketLifecycle.bpmn}: the first-response
 * timer, each ladder level after its business time (Kefu's calendar plugged into the engine, the
 * shipped {@code rules/calendars/cn-office.yaml}), the ladder stopping once answered, escalation at
 * once. The engine's clock is moved ({@link ClockUtil}); a timer is shown to be not yet due before
 * and due after. The real {@link EscalateTicketDelegate} runs over a stubbed {@link Escalations}.
 */
@Deployment(resources = "kefu/processes/TicketLifecycle.bpmn")
class EscalationProcessTest {

    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    static ProcessEngine engine = buildEngine();

    static ProcessEngine buildEngine() {
        ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl)
                new StandaloneInMemProcessEngineConfiguration().setExpressionManager(new MockExpressionManager());
        configuration.setProcessEnginePlugins(
                List.of(new BusinessCalendarPlugin(SlaPolicies.load(new KefuHome(".")))));
        return configuration.setJdbcUrl("jdbc:h2:mem:escalation-process-test;DB_CLOSE_DELAY=1000")
                .setJobExecutorActivate(false)
                .setHistory(ProcessEngineConfiguration.HISTORY_FULL)
                .buildProcessEngine();
    }

    @RegisterExtension
    static ProcessEngineExtension extension = ProcessEngineExtension.builder().useProcessEngine(engine).build();

    final Escalations escalations = Mockito.mock(Escalations.class);
    /** What routing sets: when the ladder starts and whether the rules escalate at once. */
    Instant escalationDue;
    boolean atOnce;

    @BeforeEach
    void registerDelegates() {
        init(engine);
        JavaDelegate nothing = execution -> { };
        Mocks.register("readImagesDelegate", nothing);
        Mocks.register("triageTicketDelegate", nothing);
        Mocks.register("findKnowledgeAnswerDelegate", nothing);
        Mocks.register("routeTicketDelegate", (JavaDelegate) execution -> {
            execution.setVariable(VAR_QUEUE, "billing_team");
            execution.setVariable(VAR_PRIORITY, "HIGH");
            execution.setVariable(VAR_ESCALATE_AT_ONCE, atOnce);
            execution.setVariable(VAR_ESCALATION_DUE, Date.from(escalationDue));
        });
        Mocks.register("resolveTicketDelegate", nothing);
        Mocks.register("noteCustomerMessageDelegate", nothing);
        Mocks.register("ticketAssignmentListener", (TaskListener) task -> { });
        Mocks.register("escalateTicketDelegate", new EscalateTicketDelegate(escalations));
    }

    @AfterEach
    void reset() {
        Mocks.reset();
        ClockUtil.reset();
    }

    @Test
    void theFirstResponseTargetPassingGivesTheTicketToTheTeamLeads() {
        Instant now = at("2026-11-02T10:00");
        escalationDue = at("2026-11-02T10:30");
        ladder(1, "team-lead", "supervisors", "business:cn-office:PT30M");
        ProcessInstance ticket = route(21, now);

        Job timer = job(BOUNDARY_FIRST_RESPONSE_DUE);
        Assertions.assertThat(timer.getDuedate().toInstant()).isEqualTo(escalationDue);
        Assertions.assertThat(executable()).as("not due before the target").isEmpty();
        ClockUtil.setCurrentTime(Date.from(escalationDue));
        Assertions.assertThat(executable()).extracting(Job::getId).containsExactly(timer.getId());
        execute(timer);

        Mockito.verify(escalations).escalate(21L, 1, null, EscalationReason.FIRST_RESPONSE_DUE);
        assertThat(task(ticket)).hasCandidateGroup("billing_team").hasCandidateGroup("supervisors");
        assertThat(ticket).hasPassed(BOUNDARY_FIRST_RESPONSE_DUE, TASK_ESCALATE)
                .isWaitingAt(TASK_AGENT_WORK, TIMER_NEXT_ESCALATION_LEVEL);
        Assertions.assertThat(job(TIMER_NEXT_ESCALATION_LEVEL).getDuedate().toInstant())
                .as("30 minutes of business time later").isEqualTo(at("2026-11-02T11:00"));
    }

    @Test
    void eachLadderLevelFollowsAfterItsBusinessTimeAcrossTheWeekend() {
        Instant now = at("2026-11-06T17:00");
        escalationDue = at("2026-11-06T17:45");
        ladder(1, "team-lead", "supervisors", "business:cn-office:PT30M");
        ladder(2, "duty-manager", "duty_managers", null);
        ProcessInstance ticket = route(22, now);
        ClockUtil.setCurrentTime(Date.from(escalationDue));
        execute(job(BOUNDARY_FIRST_RESPONSE_DUE));

        Job nextLevel = job(TIMER_NEXT_ESCALATION_LEVEL);
        Assertions.assertThat(nextLevel.getDuedate().toInstant())
                .as("15 minutes on Friday, 15 on Monday morning").isEqualTo(at("2026-11-09T09:15"));
        ClockUtil.setCurrentTime(Date.from(at("2026-11-09T09:14")));
        Assertions.assertThat(executable()).isEmpty();
        ClockUtil.setCurrentTime(Date.from(at("2026-11-09T09:15")));
        Assertions.assertThat(executable()).extracting(Job::getId).containsExactly(nextLevel.getId());
        execute(nextLevel);

        Mockito.verify(escalations).escalate(eq(22L), eq(2), eq(escalationDue), eq(EscalationReason.STILL_UNANSWERED));
        assertThat(task(ticket)).hasCandidateGroup("duty_managers").hasCandidateGroup("supervisors");
        assertThat(ticket).hasPassedInOrder(TASK_ESCALATE, TIMER_NEXT_ESCALATION_LEVEL, TASK_ESCALATE,
                END_ESCALATION_DONE).isWaitingAt(TASK_AGENT_WORK);
        Assertions.assertThat(job(TIMER_NEXT_ESCALATION_LEVEL)).as("no level above the top").isNull();
    }

    @Test
    void anAgentsReplyStopsTheLadderAtItsNextStep() {
        Instant now = at("2026-11-02T10:00");
        escalationDue = at("2026-11-02T10:30");
        ladder(1, "team-lead", "supervisors", "business:cn-office:PT30M");
        Mockito.when(escalations.escalate(anyLong(), eq(2), any(), any())).thenReturn(Optional.empty());
        ProcessInstance ticket = route(23, now);
        ClockUtil.setCurrentTime(Date.from(escalationDue));
        execute(job(BOUNDARY_FIRST_RESPONSE_DUE));
        ClockUtil.setCurrentTime(Date.from(at("2026-11-02T11:00")));

        execute(job(TIMER_NEXT_ESCALATION_LEVEL));

        assertThat(ticket).hasPassed(END_ESCALATION_DONE).isWaitingAt(TASK_AGENT_WORK);
        assertThat(task(ticket)).hasCandidateGroup("supervisors");
        Assertions.assertThat(taskService().getIdentityLinksForTask(task(ticket).getId()))
                .noneMatch(link -> "duty_managers".equals(link.getGroupId()));
    }

    @Test
    void theRulesEscalateAtOnce() {
        Instant now = at("2026-11-02T10:00");
        atOnce = true;
        escalationDue = now;
        ladder(1, "team-lead", "supervisors", "business:cn-office:PT30M");
        ProcessInstance ticket = route(24, now);

        Assertions.assertThat(executable()).extracting(Job::getId)
                .as("due when routed").containsExactly(job(BOUNDARY_FIRST_RESPONSE_DUE).getId());
        execute(job(BOUNDARY_FIRST_RESPONSE_DUE));

        Mockito.verify(escalations).escalate(24L, 1, null, EscalationReason.RULES);
        assertThat(task(ticket)).hasCandidateGroup("supervisors");
    }

    @Test
    void resolvingBeforeTheTargetLeavesNoEscalationTimer() {
        Instant now = at("2026-11-02T10:00");
        escalationDue = at("2026-11-02T10:30");
        ProcessInstance ticket = route(25, now);

        complete(task(ticket));

        Assertions.assertThat(job(BOUNDARY_FIRST_RESPONSE_DUE)).isNull();
        Mockito.verify(escalations, Mockito.never()).escalate(anyLong(), Mockito.anyInt(), any(), any());
        assertThat(ticket).hasNotPassed(TASK_ESCALATE);
    }

    @Test
    void aWallClockDurationIsLeftToCamundasOwnCalendar() {
        ClockUtil.setCurrentTime(Date.from(at("2026-11-07T10:00")));
        ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
        var calendar = configuration.getBusinessCalendarManager().getBusinessCalendar("duration");

        Assertions.assertThat(calendar.resolveDuedate("PT30M").toInstant()).as("Saturday: wall clock")
                .isEqualTo(at("2026-11-07T10:30"));
        Assertions.assertThat(calendar.resolveDuedate(new BusinessDuration("cn-office", Duration.ofMinutes(30)).toString())
                .toInstant()).as("Saturday: business time starts Monday").isEqualTo(at("2026-11-09T09:30"));
        Assertions.assertThatThrownBy(() -> calendar.resolveDuedate("business:moon:PT1H"))
                .hasMessageContaining("'moon'");
    }

    private void ladder(int level, String name, String group, String nextAfter) {
        Mockito.when(escalations.escalate(anyLong(), eq(level), level == 1 ? isNull() : any(), any()))
                .thenReturn(Optional.of(new EscalationStep(level, name, group, nextAfter != null, nextAfter,
                        escalationDue)));
    }

    private ProcessInstance route(long ticketId, Instant now) {
        ClockUtil.setCurrentTime(Date.from(now));
        ProcessInstance ticket = runtimeService().startProcessInstanceByKey(PROCESS_ID, String.valueOf(ticketId),
                // The other timers on the agent task (skills timeout, soothing) stay far beyond the weeks moved here.
                Map.of(VAR_TICKET_ID, ticketId, VAR_AUTO_CLOSE_AFTER, "PT1H",
                        TicketLifecycleProcess.VAR_SKILLS_TIMEOUT, "P365D", TicketLifecycleProcess.VAR_SOOTHE_AFTER, "P365D"));
        execute(job(ticket));
        assertThat(ticket).isWaitingAt(TASK_AGENT_WORK);
        return ticket;
    }

    private static List<Job> executable() {
        return managementService().createJobQuery().executable().list();
    }

    private static Instant at(String shanghaiLocal) {
        return LocalDateTime.parse(shanghaiLocal).atZone(SHANGHAI).toInstant();
    }
}
