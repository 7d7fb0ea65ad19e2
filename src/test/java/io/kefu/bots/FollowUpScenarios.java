package io.kefu.bots;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.ExternalTaskService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import io.kefu.conversation.ConversationService;
import io.kefu.conversation.Direction;
import io.kefu.conversation.Message;
import io.kefu.intake.InboundMessage;
import io.kefu.intake.IntakeService;
import io.kefu.lifecycle.TicketLifecycleProcess;
import io.kefu.testing.MovingClock;
import io.kefu.testing.TestTickets;
import io.kefu.ticket.Channel;
import io.kefu.ticket.TicketService;
import io.kefu.ticket.TicketStatus;
import io.kefu.ticket.Topic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Following a customer up, in the running application: while an agent waits for the customer's
 * answer, the lifecycle's {@code Timer_RemindCustomer} ({@code kefu.follow-up.remind-after}, PT2H
 * here) has the built-in {@code customer-follow-up} bot remind the customer once, in their
 * language, unless they answered, the wait was stopped or moved, or the reminder would come after
 * the follow-up; and a customer writing after their ticket closed gets a new ticket linked to it as
 * its follow-up within {@code kefu.follow-up.link-within} (P30D here), an unlinked one later, while a
 * resolved ticket still reopens. The application's clock is moved by the test, the timers are run
 * at their time by hand and the bots' fetch-and-lock ({@link BuiltInBots#runOnce()}) is called by
 * the test (their schedule polls once an hour). Subclasses run them on H2 and on MariaDB.
 */
abstract class FollowUpScenarios {

    static final RequestPostProcessor ALICE = user("alice").authorities(new SimpleGrantedAuthority("ROLE_AGENT"),
            new SimpleGrantedAuthority("GROUP_agents"), new SimpleGrantedAuthority("GROUP_billing_team"));
    static final RequestPostProcessor SUPERVISOR = user("sue").authorities(new SimpleGrantedAuthority("ROLE_SUPERVISOR"),
            new SimpleGrantedAuthority("GROUP_supervisors"));
    static final String REMINDER_ZH = "您好，我们还在等待您的回复，以便继续处理您的问题。方便时请直接回复此消息。";
    static final String REMINDER_EN = "Hello again: we are still waiting for your reply to go on with your request. "
            + "Just answer this message when you can.";

    /** The application's clock, moved by the test; it starts at the real time, as the engine's. */
    @TestConfiguration(proxyBeanMethods = false)
    static class Clocks {

        @Bean
        @Primary
        MovingClock movingClock() {
            return new MovingClock(Instant.now().truncatedTo(ChronoUnit.MILLIS));
        }
    }

    @Autowired MockMvc mvc;
    @Autowired ApplicationContext context;
    @Autowired MovingClock clock;
    @Autowired TicketService tickets;
    @Autowired IntakeService intake;
    @Autowired ConversationService conversations;
    @Autowired BuiltInBots bots;
    @Autowired RuntimeService runtime;
    @Autowired ManagementService management;
    @Autowired ExternalTaskService externalTasks;
    @Autowired JdbcClient jdbc;
    @Autowired ObjectMapper json;

    // --- the reminder while an agent waits for the customer -----------------------------------

    @Test
    void theSilentCustomerIsRemindedOnceInTheirLanguageByTheBot() throws Exception {
        long id = claimed("fu-remind-zh", "你好，我的发票 8810 上的税号写错了，请帮我改一下");
        assertThat(tickets.get(id).classification().language()).isEqualTo("zh");
        Instant setAt = clock.instant();
        JsonNode wait = waitFor(id, "P1D");
        assertThat(Instant.parse(wait.get("remindAt").asText())).isEqualTo(setAt.plus(Duration.ofHours(2)));
        Job timer = reminderTimers(id).get(0);
        // (MySQL's ACT_RU_JOB keeps whole seconds)
        assertThat(timer.getDuedate().toInstant()).isBetween(setAt.plus(Duration.ofHours(2)).truncatedTo(ChronoUnit.SECONDS),
                setAt.plus(Duration.ofHours(2)));

        clock.set(setAt.plus(Duration.ofHours(2)));
        management.executeJob(timer.getId());
        assertThat(bots.runOnce()).as("the reminder is the customer-follow-up bot's task").isEqualTo(1);

        assertThat(reminders(id)).singleElement().satisfies(m -> {
            assertThat(m.body()).isEqualTo(REMINDER_ZH);
            assertThat(m.author()).isEqualTo(CustomerFollowUpBot.AUTHOR);
        });
        JsonNode held = body(mvc.perform(get("/api/tickets/{id}/wait", id).with(ALICE)).andExpect(status().isOk()));
        assertThat(held.has("remindedAt")).isTrue();
        assertThat(tickets.claimReminder(id)).as("once per wait: another timer of it finds it claimed").isEmpty();
        assertThat(bots.runOnce()).isZero();
        assertThat(reminders(id)).hasSize(1);
        assertThat(followUpTimers(id)).as("the agent's follow-up still comes").hasSize(1);
    }

    @Test
    void theReminderSpeaksEnglishToAnEnglishTicket() throws Exception {
        long id = claimed("fu-remind-en", "Hello, invoice 8811 shows the wrong VAT number, could you correct it please?");
        assertThat(tickets.get(id).classification().language()).isEqualTo("en");
        Instant setAt = clock.instant();
        waitFor(id, "P1D");

        clock.set(setAt.plus(Duration.ofHours(2)));
        management.executeJob(reminderTimers(id).get(0).getId());
        bots.runOnce();

        assertThat(reminders(id)).extracting(Message::body).containsExactly(REMINDER_EN);
    }

    @Test
    void noReminderOnceTheCustomerAnswered() throws Exception {
        long id = claimed("fu-answered", "Invoice 8812 is addressed to my old company");
        Instant setAt = clock.instant();
        waitFor(id, "P1D");
        clock.set(setAt.plus(Duration.ofMinutes(30)));
        intake.receive(new InboundMessage(Channel.WEB, "fu-answered", "Here is the new address: 1 Bund Road", null));

        clock.set(setAt.plus(Duration.ofHours(2)));
        management.executeJob(reminderTimers(id).get(0).getId());

        assertThat(openBotTasks(id)).as("the check found the wait answered: no bot task").isZero();
        assertThat(bots.runOnce()).isZero();
        assertThat(reminders(id)).isEmpty();
    }

    @Test
    void noReminderOnceTheAgentStoppedWaiting() throws Exception {
        long id = claimed("fu-stopped", "Invoice 8813 lists a product I never ordered");
        Instant setAt = clock.instant();
        waitFor(id, "P1D");
        mvc.perform(delete("/api/tickets/{id}/wait", id).with(ALICE)).andExpect(status().isNoContent());

        clock.set(setAt.plus(Duration.ofHours(2)));
        management.executeJob(reminderTimers(id).get(0).getId());

        assertThat(openBotTasks(id)).isZero();
        assertThat(reminders(id)).isEmpty();
    }

    @Test
    void anAnswerBetweenTheTimerAndTheBotStillStopsTheReminder() throws Exception {
        long id = claimed("fu-crossed", "Invoice 8814 was charged twice");
        Instant setAt = clock.instant();
        waitFor(id, "P1D");
        clock.set(setAt.plus(Duration.ofHours(2)));
        management.executeJob(reminderTimers(id).get(0).getId());
        assertThat(openBotTasks(id)).as("claimed, waiting for a bot").isOne();

        intake.receive(new InboundMessage(Channel.WEB, "fu-crossed", "Here is my bank statement", null));
        assertThat(bots.runOnce()).isEqualTo(1);

        assertThat(openBotTasks(id)).as("the bot completed its task").isZero();
        assertThat(reminders(id)).as("the bot checked the wait under the customer's lock").isEmpty();
    }

    @Test
    void aMovedWaitRemindsAtItsOwnTimeAndOnce() throws Exception {
        long id = claimed("fu-moved", "Invoice 8815 has the wrong currency");
        Instant setAt = clock.instant();
        waitFor(id, "P1D");
        clock.set(setAt.plus(Duration.ofHours(1)));
        waitFor(id, "P1D");
        List<Job> timers = reminderTimers(id);
        assertThat(timers).hasSize(2);

        clock.set(setAt.plus(Duration.ofHours(2)));
        management.executeJob(timers.get(0).getId());
        assertThat(openBotTasks(id)).as("the first wait's timer: the moved wait is not due yet").isZero();

        clock.set(setAt.plus(Duration.ofHours(3)));
        management.executeJob(timers.get(1).getId());
        bots.runOnce();
        assertThat(reminders(id)).hasSize(1);
    }

    @Test
    void noReminderIsPlannedWhenTheFollowUpComesFirst() throws Exception {
        long id = claimed("fu-short", "Invoice 8816 is missing the order number");
        JsonNode wait = waitFor(id, "PT1H");

        assertThat(wait.has("remindAt")).as("the follow-up (1 h) comes before the reminder (2 h)").isFalse();
        assertThat(reminderTimers(id)).isEmpty();
        assertThat(followUpTimers(id)).hasSize(1);
    }

    // --- a customer writing again after their ticket closed -----------------------------------

    @Test
    void aCustomerWritingSoonAfterTheirTicketClosedGetsANewTicketLinkedAsItsFollowUp() throws Exception {
        long closed = closedTicket("fu-link", "Invoice 8820 shows the wrong VAT number");
        clock.set(clock.instant().plus(Duration.ofDays(10)));

        JsonNode answer = body(mvc.perform(post("/api/messages").with(SUPERVISOR).contentType(MediaType.APPLICATION_JSON)
                .content("{\"channel\":\"WEB\",\"customerExternalId\":\"fu-link\",\"text\":\"The corrected invoice 8820 still shows the old VAT\"}"))
                .andExpect(status().isCreated()));
        long followUp = answer.get("ticketId").asLong();
        assertThat(followUp).isNotEqualTo(closed);
        assertThat(answer.get("newTicket").asBoolean()).isTrue();
        assertThat(answer.get("followUpOf").asLong()).isEqualTo(closed);

        JsonNode links = body(mvc.perform(get("/api/tickets/{id}/links", followUp).with(SUPERVISOR)).andExpect(status().isOk()));
        assertThat(links).singleElement().satisfies(link -> {
            assertThat(link.at("/ticket/id").asLong()).isEqualTo(closed);
            assertThat(link.get("kind").asText()).isEqualTo("FOLLOW_UP_OF");
            assertThat(link.get("linkedBy").asText()).isEqualTo("system");
        });
        JsonNode back = body(mvc.perform(get("/api/tickets/{id}/links", closed).with(SUPERVISOR)).andExpect(status().isOk()));
        assertThat(back).singleElement().satisfies(link -> {
            assertThat(link.at("/ticket/id").asLong()).isEqualTo(followUp);
            assertThat(link.get("kind").asText()).isEqualTo("FOLLOWED_UP_BY");
        });
        await().atMost(Duration.ofSeconds(30)).until(() -> tickets.get(followUp).status() == TicketStatus.QUEUED);
        assertThat(tickets.get(followUp).queue()).as("triaged and routed as any new ticket").isNotNull();
        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.sql(
                "SELECT COUNT(*) FROM audit_event WHERE action = 'ticket.link' AND actor = 'system' AND target = ?")
                .param("ticket " + followUp).query(Long.class).single() == 1);
    }

    @Test
    void aCustomerWritingLongAfterTheirTicketClosedGetsANewUnlinkedTicket() throws Exception {
        long closed = closedTicket("fu-late", "Invoice 8821 is addressed to my old company");
        clock.set(clock.instant().plus(Duration.ofDays(31)));

        var result = intake.receive(new InboundMessage(Channel.WEB, "fu-late", "I need invoice 8830 corrected too", null));

        assertThat(result.newTicket()).isTrue();
        assertThat(result.ticketId()).isNotEqualTo(closed);
        assertThat(result.followUpOf()).isNull();
        assertThat(body(mvc.perform(get("/api/tickets/{id}/links", result.ticketId()).with(SUPERVISOR))
                .andExpect(status().isOk()))).isEmpty();
        assertThat(body(mvc.perform(get("/api/tickets/{id}/links", closed).with(SUPERVISOR))
                .andExpect(status().isOk()))).isEmpty();
    }

    @Test
    void aCustomerReplyToAResolvedTicketStillReopensIt() throws Exception {
        long id = claimed("fu-resolved", "Invoice 8822 lists the wrong delivery date");
        mvc.perform(post("/api/tickets/{id}/resolve", id).with(ALICE)).andExpect(status().isOk());
        clock.set(clock.instant().plus(Duration.ofDays(2)));

        var result = intake.receive(new InboundMessage(Channel.WEB, "fu-resolved", "It is still wrong on the new one", null));

        assertThat(result.ticketId()).isEqualTo(id);
        assertThat(result.newTicket()).isFalse();
        assertThat(result.followUpOf()).isNull();
        await().atMost(Duration.ofSeconds(30)).until(() -> tickets.get(id).status() == TicketStatus.QUEUED);
        assertThat(tickets.get(id).reopenCount()).isEqualTo(1);
        assertThat(body(mvc.perform(get("/api/tickets/{id}/links", id).with(SUPERVISOR)).andExpect(status().isOk()))).isEmpty();
    }

    // --- helpers ---------------------------------------------------------------------------

    /** A billing ticket opened by the customer's message, claimed by alice. */
    private long claimed(String customer, String text) throws Exception {
        long id = TestTickets.in(context).queued(customer, text, Topic.BILLING);
        mvc.perform(post("/api/tickets/{id}/claim", id).with(ALICE)).andExpect(status().isOk());
        return id;
    }

    /** A ticket claimed, resolved and closed by the lifecycle's auto-close timer (run at its time). */
    private long closedTicket(String customer, String text) throws Exception {
        long id = claimed(customer, text);
        mvc.perform(post("/api/tickets/{id}/resolve", id).with(ALICE)).andExpect(status().isOk());
        Job autoClose = management.createJobQuery().processInstanceId(instance(id))
                .activityId(TicketLifecycleProcess.EVENT_AUTO_CLOSE_DUE).singleResult();
        clock.set(clock.instant().plus(Duration.ofDays(3)));
        management.executeJob(autoClose.getId());
        assertThat(tickets.get(id).status()).isEqualTo(TicketStatus.CLOSED);
        return id;
    }

    private JsonNode waitFor(long id, String after) throws Exception {
        return body(mvc.perform(post("/api/tickets/{id}/wait", id).with(ALICE).contentType(MediaType.APPLICATION_JSON)
                .content("{\"after\":\"" + after + "\"}")).andExpect(status().isOk()));
    }

    /** The bot's messages to the customer on this ticket. */
    private List<Message> reminders(long id) {
        return conversations.transcript(id).stream().filter(m -> m.direction() == Direction.OUTBOUND)
                .filter(m -> CustomerFollowUpBot.AUTHOR.equals(m.author())).toList();
    }

    private long openBotTasks(long id) {
        return externalTasks.createExternalTaskQuery().processInstanceId(instance(id))
                .activityId(TicketLifecycleProcess.TASK_REMIND_CUSTOMER).count();
    }

    private List<Job> reminderTimers(long id) {
        return management.createJobQuery().processInstanceId(instance(id))
                .activityId(TicketLifecycleProcess.TIMER_REMIND_CUSTOMER).orderByJobDuedate().asc().list();
    }

    private List<Job> followUpTimers(long id) {
        return management.createJobQuery().processInstanceId(instance(id))
                .activityId(TicketLifecycleProcess.TIMER_FOLLOW_UP_DUE).list();
    }

    private String instance(long id) {
        return runtime.createProcessInstanceQuery().processDefinitionKey(TicketLifecycleProcess.PROCESS_ID)
                .processInstanceBusinessKey(String.valueOf(id)).singleResult().getId();
    }

    private JsonNode body(ResultActions result) throws Exception {
        return json.readTree(result.andReturn().getResponse().getContentAsString());
    }
}
