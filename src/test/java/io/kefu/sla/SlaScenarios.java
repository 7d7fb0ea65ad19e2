package io.kefu.sla;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Date;
import java.util.List;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.IdentityLink;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.kefu.customer.CustomerService;
import io.kefu.customer.CustomerTier;
import io.kefu.intake.InboundMessage;
import io.kefu.intake.IntakeService;
import io.kefu.lifecycle.TicketLifecycleProcess;
import io.kefu.testing.MovingClock;
import io.kefu.testing.TestTickets;
import io.kefu.ticket.Channel;
import io.kefu.ticket.Priority;
import io.kefu.ticket.SlaTarget;
import io.kefu.ticket.TicketAccess;
import io.kefu.ticket.TicketService;
import io.kefu.ticket.TicketSla;
import io.kefu.workspace.AgentWorkService;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A standard customer's ticket through its SLA on the whole application, with the application's
 * clock and the engine's clock moved together through a week of the shipped Shanghai office
 * calendar: due times at routing, the 75 % warning and the breach in the outbox, the
 * first-response timer firing in the job executor and escalating to the team leads, an agent's
 * reply stopping the ladder and pausing resolution, the customer's next message resuming it.
 * Subclasses run it on H2 and on MariaDB.
 */
abstract class SlaScenarios {

    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    /** The application's clock, moved by the test; the engine's ({@link ClockUtil}) follows it. */
    @TestConfiguration(proxyBeanMethods = false)
    static class Clocks {

        @Bean
        @Primary
        MovingClock movingClock() {
            return new MovingClock(at("2027-03-01T09:00"));
        }
    }

    static void commonProperties(org.springframework.test.context.DynamicPropertyRegistry registry) {
        registry.add("kefu.sla.watch.enabled", () -> "false");
        registry.add("kefu.sync.erp.enabled", () -> "false");
        registry.add("camunda.bpm.job-execution.wait-time-in-millis", () -> "100");
        registry.add("camunda.bpm.job-execution.max-wait", () -> "500");
    }

    @Autowired
    ApplicationContext context;
    @Autowired
    MovingClock clock;
    @Autowired
    TicketService tickets;
    @Autowired
    CustomerService customers;
    @Autowired
    IntakeService intake;
    @Autowired
    AgentWorkService work;
    @Autowired
    Escalations escalations;
    @Autowired
    SlaWatch watch;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    TaskService tasks;
    @Autowired
    RuntimeService runtime;
    @Autowired
    ManagementService management;

    @AfterEach
    void engineClockBack() {
        ClockUtil.reset();
    }

    @Test
    void aStandardTicketKeepsItsPromisesInBusinessHoursAndEscalatesWhenUnanswered() {
        now("2027-03-01T10:00");
        String customer = "sla-" + System.nanoTime();
        long id = TestTickets.in(context).queued(customer, "Where can I change the address on my profile?", null);

        TicketSla routed = tickets.get(id).sla();
        assertThat(tickets.get(id).priority()).isEqualTo(Priority.NORMAL);
        assertThat(routed.policy()).isEqualTo("standard");
        assertThat(routed.firstResponseDue()).as("2 business hours: the morning").isEqualTo(at("2027-03-01T12:00"));
        assertThat(routed.resolutionDue()).as("16 business hours").isEqualTo(at("2027-03-03T11:00"));
        assertThat(payloads(id, "ticket.routed")).singleElement().asString()
                .contains("\"firstResponseDue\":\"2027-03-01T04:00:00Z\"");

        now("2027-03-01T11:29");
        watch.pass();
        assertThat(payloads(id, "ticket.sla_warning")).isEmpty();
        now("2027-03-01T11:30");
        watch.pass();
        assertThat(payloads(id, "ticket.sla_warning")).singleElement().asString()
                .contains("\"warnings\":[{\"target\":\"FIRST_RESPONSE\"");

        now("2027-03-01T12:00");
        await().atMost(Duration.ofSeconds(30)).until(() -> !escalations.notifications(id).isEmpty());
        TicketEscalationRaised raised = escalations.notifications(id).get(0);
        assertThat(raised.level()).isEqualTo(1);
        assertThat(raised.recipient()).isEqualTo("supervisors");
        assertThat(raised.reason()).isEqualTo(EscalationReason.FIRST_RESPONSE_DUE);
        assertThat(tickets.get(id).sla().breaches()).extracting(b -> b.target())
                .containsExactly(SlaTarget.FIRST_RESPONSE);
        assertThat(payloads(id, "ticket.sla_breached")).hasSize(1);
        assertThat(candidateGroups(id)).contains("supervisors");
        assertThat(nextLevelDue(id)).as("30 business minutes after noon: after lunch")
                .isEqualTo(at("2027-03-01T14:00"));

        now("2027-03-01T13:45");
        work.reply(id, TicketAccess.everyTicket("sla-agent"), "We will change it for you.");
        TicketSla replied = tickets.get(id).sla();
        assertThat(replied.firstResponseDue()).isNull();
        assertThat(replied.pausedSince()).isEqualTo(at("2027-03-01T13:45"));

        now("2027-03-01T14:00");
        await().atMost(Duration.ofSeconds(30)).until(() -> nextLevelDue(id) == null);
        assertThat(escalations.notifications(id)).as("answered: the ladder stopped").hasSize(1);
        assertThat(candidateGroups(id)).doesNotContain("duty_managers");

        now("2027-03-02T10:00");
        intake.receive(new InboundMessage(Channel.WEB, customer, "Thanks, and the phone number too?", null));
        TicketSla resumed = tickets.get(id).sla();
        assertThat(resumed.pausedSince()).isNull();
        assertThat(resumed.nextResponseDue()).as("4 business hours").isEqualTo(at("2027-03-02T15:30"));
        assertThat(resumed.resolutionDue()).as("13 h 45 min of business time were left at the reply")
                .isEqualTo(at("2027-03-03T17:45"));
    }

    @Test
    void anUpsetVipCustomerEscalatesAtOnce() {
        now("2027-03-01T10:00");
        String customer = "sla-vip-" + System.nanoTime();
        customers.register(customer, customer, CustomerTier.VIP);
        long id = TestTickets.in(context).queued(customer,
                "This is a complaint: you charged me twice and nobody answers!", null);

        await().atMost(Duration.ofSeconds(30)).until(() -> !escalations.notifications(id).isEmpty());
        assertThat(escalations.notifications(id).get(0).reason()).isEqualTo(EscalationReason.RULES);
        assertThat(tickets.get(id).sla().breaches()).as("not a breach: the target is not due").isEmpty();
    }

    private void now(String shanghaiLocal) {
        Instant instant = at(shanghaiLocal);
        clock.set(instant);
        ClockUtil.setCurrentTime(Date.from(instant));
    }

    private List<String> payloads(long ticketId, String type) {
        return jdbc.sql("SELECT payload FROM outbox_event WHERE aggregate_id = ? AND event_type = ? ORDER BY id")
                .params(ticketId, type).query(String.class).list();
    }

    private List<String> candidateGroups(long ticketId) {
        String taskId = tasks.createTaskQuery().processInstanceBusinessKey(String.valueOf(ticketId))
                .taskDefinitionKey(TicketLifecycleProcess.TASK_AGENT_WORK).singleResult().getId();
        return tasks.getIdentityLinksForTask(taskId).stream().map(IdentityLink::getGroupId)
                .filter(java.util.Objects::nonNull).toList();
    }

    private Instant nextLevelDue(long ticketId) {
        String instance = runtime.createProcessInstanceQuery().processInstanceBusinessKey(String.valueOf(ticketId))
                .singleResult().getId();
        var job = management.createJobQuery().processInstanceId(instance)
                .activityId(TicketLifecycleProcess.TIMER_NEXT_ESCALATION_LEVEL).singleResult();
        return job == null ? null : job.getDuedate().toInstant();
    }

    static Instant at(String shanghaiLocal) {
        return LocalDateTime.parse(shanghaiLocal).atZone(SHANGHAI).toInstant();
    }
}
