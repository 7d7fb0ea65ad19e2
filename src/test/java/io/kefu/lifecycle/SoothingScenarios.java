package io.kefu.lifecycle;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.kefu.conversation.ConversationService;
import io.kefu.conversation.Direction;
import io.kefu.conversation.Message;
import io.kefu.customer.CustomerService;
import io.kefu.customer.CustomerTier;
import io.kefu.intake.InboundMessage;
import io.kefu.intake.IntakeService;
import io.kefu.ticket.Channel;
import io.kefu.ticket.TicketService;
import io.kefu.ticket.TicketStatus;
import io.kefu.ticket.Topic;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The soothing message in the running application: {@code BoundaryEvent_SootheCustomer} fires
 * {@code kefu.lifecycle.soothe.after} into a wait (the engine's clock is moved, the job executed as
 * the job executor would), and the bot's text lands in the ticket's transcript, in its language,
 * with the fact {@code ticket.customer_soothed} in the outbox. The job executor is off in these
 * contexts, so nothing runs unless a test runs it.
 */
abstract class SoothingScenarios {

    @Autowired
    CustomerService customers;
    @Autowired
    IntakeService intake;
    @Autowired
    TicketService tickets;
    @Autowired
    ConversationService conversations;
    @Autowired
    RuntimeService runtime;
    @Autowired
    ManagementService management;
    @Autowired
    TaskService tasks;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    CustomerSoothing soothing;
    @Autowired
    SootheProperties settings;

    @AfterEach
    void resetEngineClock() {
        ClockUtil.reset();
    }

    @Test
    void chineseCustomerWaitingThirtySecondsGetsTheBotsChineseSoothingMessageOnce() {
        long ticketId = queued("soothe-zh", "我的订单三天了还没有发货，请帮我查一下物流");
        Job timer = sootheTimer(ticketId);
        Instant routedAt = tickets.get(ticketId).updatedAt();
        assertThat(timer.getDuedate().toInstant())
                .isBetween(routedAt.plus(Duration.ofSeconds(29)), routedAt.plus(Duration.ofSeconds(31)));

        fireAtDueTime(timer);

        Message last = last(conversations.transcript(ticketId));
        assertThat(last.direction()).isEqualTo(Direction.OUTBOUND);
        assertThat(last.author()).isEqualTo(BotSelfService.BOT_AUTHOR);
        assertThat(last.body()).isEqualTo(settings.texts().get("reassure").get("zh"));
        assertThat(tickets.get(ticketId).status()).as("still waiting for an agent").isEqualTo(TicketStatus.QUEUED);
        assertThat(eventTypes(ticketId)).containsSubsequence("ticket.routed", "ticket.customer_soothed");
        assertThat(taskOf(ticketId)).as("the agent task stays").isNotNull();
        assertThat(sootheTimerOrNull(ticketId)).as("once per wait").isNull();
    }

    @Test
    void englishCustomerGetsTheEnglishText() {
        long ticketId = queued("soothe-en", "My parcel has not arrived yet, where is my order?");

        fireAtDueTime(sootheTimer(ticketId));

        assertThat(last(conversations.transcript(ticketId)).body())
                .isEqualTo(settings.texts().get("reassure").get("en"));
    }

    @Test
    void aTicketAnAgentClaimedBeforeTheTimerIsNotSoothed() {
        long ticketId = queued("soothe-claimed", "订单退款什么时候到账？");
        tasks.claim(taskOf(ticketId), "alice");
        int messages = conversations.transcript(ticketId).size();

        fireAtDueTime(sootheTimer(ticketId));

        assertThat(conversations.transcript(ticketId)).hasSize(messages);
        assertThat(eventTypes(ticketId)).doesNotContain("ticket.customer_soothed");
    }

    @Test
    void aWaitAlreadySoothedIsNotSoothedAgainWhenTheTicketIsRoutedAgain() {
        long ticketId = queued("soothe-rerouted", "快递一直显示在路上，怎么回事");
        fireAtDueTime(sootheTimer(ticketId));
        int messages = conversations.transcript(ticketId).size();
        Integer soothed = (Integer) runtime.getVariable(processOf(ticketId), TicketLifecycleProcess.VAR_SOOTHED_WAIT);

        assertThat(soothing.soothe(ticketId, soothed)).isEqualTo(soothed);

        assertThat(conversations.transcript(ticketId)).hasSize(messages);
        assertThat(eventTypes(ticketId)).containsOnlyOnce("ticket.customer_soothed");
    }

    /** A new customer's first message, its triage and routing jobs run here, the ticket then QUEUED. */
    private long queued(String customer, String text) {
        customers.register(customer, customer, CustomerTier.STANDARD);
        long ticketId = intake.receive(new InboundMessage(Channel.WEB, customer, text, Topic.ORDER)).ticketId();
        for (int i = 0; i < 5 && tickets.get(ticketId).status() != TicketStatus.QUEUED; i++) {
            management.createJobQuery().processInstanceId(processOf(ticketId)).executable().list()
                    .forEach(job -> management.executeJob(job.getId()));
        }
        assertThat(tickets.get(ticketId).status()).isEqualTo(TicketStatus.QUEUED);
        return ticketId;
    }

    private void fireAtDueTime(Job timer) {
        ClockUtil.setCurrentTime(timer.getDuedate());
        assertThat(management.createJobQuery().jobId(timer.getId()).executable().count())
                .as("due at its due time").isOne();
        management.executeJob(timer.getId());
    }

    private Job sootheTimer(long ticketId) {
        Job timer = sootheTimerOrNull(ticketId);
        assertThat(timer).as("soothing timer of ticket " + ticketId).isNotNull();
        return timer;
    }

    private Job sootheTimerOrNull(long ticketId) {
        return management.createJobQuery().processInstanceId(processOf(ticketId))
                .activityId(TicketLifecycleProcess.BOUNDARY_SOOTHE_CUSTOMER).singleResult();
    }

    private String processOf(long ticketId) {
        return runtime.createProcessInstanceQuery().processInstanceBusinessKey(String.valueOf(ticketId))
                .singleResult().getId();
    }

    private String taskOf(long ticketId) {
        return tasks.createTaskQuery().processInstanceBusinessKey(String.valueOf(ticketId))
                .taskDefinitionKey(TicketLifecycleProcess.TASK_AGENT_WORK).singleResult().getId();
    }

    private List<String> eventTypes(long ticketId) {
        return jdbc.sql("SELECT event_type FROM outbox_event WHERE aggregate_type = 'ticket' AND aggregate_id = ?"
                + " ORDER BY id").param(ticketId).query(String.class).list();
    }

    private static Message last(List<Message> transcript) {
        return transcript.get(transcript.size() - 1);
    }
}
