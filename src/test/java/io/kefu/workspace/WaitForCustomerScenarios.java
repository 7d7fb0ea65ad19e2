package io.kefu.workspace;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import io.kefu.intake.InboundMessage;
import io.kefu.intake.IntakeService;
import io.kefu.lifecycle.TicketLifecycleProcess;
import io.kefu.testing.MovingClock;
import io.kefu.testing.TestTickets;
import io.kefu.ticket.Channel;
import io.kefu.ticket.TicketAccess;
import io.kefu.ticket.TicketService;
import io.kefu.ticket.Topic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * An agent waits for the customer until a follow-up time ({@code POST /api/tickets/{id}/wait}): the
 * wait starts {@code SubProcess_WaitForCustomer} of the lifecycle, whose {@code Timer_FollowUpDue}
 * brings the ticket back with an internal note; a customer's answer ends the wait; waiting again
 * moves it; bad waits are refused. The application's clock is moved by the test and the timers are
 * run by hand at their time. Subclasses run them on H2 and on MariaDB.
 */
abstract class WaitForCustomerScenarios {

    static final RequestPostProcessor ALICE = agent("alice", "billing_team");
    static final RequestPostProcessor BOB = agent("bob", "billing_team");
    static final RequestPostProcessor CAROL = agent("carol", "general_support");

    /** The application's clock, moved by the test; it starts at the real time, as the engine's. */
    @TestConfiguration(proxyBeanMethods = false)
    static class Clocks {

        @Bean
        @Primary
        MovingClock movingClock() {
            return new MovingClock(Instant.now().truncatedTo(ChronoUnit.MILLIS));
        }
    }

    @Autowired
    MockMvc mvc;
    @Autowired
    ApplicationContext context;
    @Autowired
    MovingClock clock;
    @Autowired
    TicketService tickets;
    @Autowired
    IntakeService intake;
    @Autowired
    RuntimeService runtime;
    @Autowired
    ManagementService management;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    ObjectMapper json;

    @Test
    void aWaitRunsOutWithANoteForItsAgentAndWaitingAgainMovesIt() throws Exception {
        long id = TestTickets.in(context).queued("wait-out", "Invoice 7710 shows the wrong VAT", Topic.BILLING);
        mvc.perform(post("/api/tickets/{id}/claim", id).with(ALICE)).andExpect(status().isOk());
        Instant setAt = clock.instant();

        JsonNode wait = body(mvc.perform(post("/api/tickets/{id}/wait", id).with(ALICE).contentType(MediaType.APPLICATION_JSON)
                .content("{\"after\":\"PT4H\",\"note\":\"the corrected VAT number\"}")).andExpect(status().isOk()));
        assertThat(Instant.parse(wait.get("followUpAt").asText())).isEqualTo(setAt.plus(Duration.ofHours(4)));
        assertThat(wait.get("setBy").asText()).isEqualTo("alice");
        mvc.perform(get("/api/tickets/{id}/wait", id).with(ALICE)).andExpect(status().isOk())
                .andExpect(jsonPath("$.note").value("the corrected VAT number"));
        assertThat(body(mvc.perform(get("/api/tickets").param("view", "waiting-for-customer").with(ALICE))
                .andExpect(status().isOk())).findValues("id").stream().map(JsonNode::asLong)).contains(id);

        // the wait is a timer of the lifecycle, at the follow-up time
        List<Job> timers = followUpTimers(id);
        // (MySQL's ACT_RU_JOB keeps whole seconds)
        assertThat(timers).singleElement().satisfies(job -> assertThat(job.getDuedate().toInstant())
                .isBetween(setAt.plus(Duration.ofHours(4)).truncatedTo(ChronoUnit.SECONDS), setAt.plus(Duration.ofHours(4))));

        // waiting again moves the time: the first timer, when it fires, finds nothing to do
        clock.set(setAt.plus(Duration.ofHours(1)));
        mvc.perform(post("/api/tickets/{id}/wait", id).with(ALICE).contentType(MediaType.APPLICATION_JSON)
                .content("{\"after\":\"P1D\"}")).andExpect(status().isOk());
        assertThat(followUpTimers(id)).hasSize(2);
        clock.set(setAt.plus(Duration.ofHours(4)));
        management.executeJob(timers.get(0).getId());
        assertThat(notes(id)).noneMatch(n -> n.startsWith("Follow-up due"));
        mvc.perform(get("/api/tickets/{id}/wait", id).with(ALICE)).andExpect(status().isOk());

        clock.set(setAt.plus(Duration.ofHours(25)));
        management.executeJob(followUpTimers(id).get(0).getId());
        assertThat(notes(id)).filteredOn(n -> n.startsWith("Follow-up due")).singleElement().asString()
                .contains("no answer from the customer since");
        mvc.perform(get("/api/tickets/{id}/wait", id).with(ALICE)).andExpect(status().isNotFound());
        assertThat(followUpTimers(id)).isEmpty();
        assertThat(runtime.createExecutionQuery().processInstanceBusinessKey(String.valueOf(id))
                .activityId(TicketLifecycleProcess.TASK_AGENT_WORK).count()).as("the agent's task goes on").isEqualTo(1);
    }

    @Test
    void theCustomersAnswerEndsTheWaitAndItsTimerFindsNothingToDo() throws Exception {
        long id = TestTickets.in(context).queued("wait-answered", "My refund for invoice 7711 is missing", Topic.BILLING);
        mvc.perform(post("/api/tickets/{id}/claim", id).with(ALICE)).andExpect(status().isOk());
        Instant setAt = clock.instant();
        mvc.perform(post("/api/tickets/{id}/wait", id).with(ALICE).contentType(MediaType.APPLICATION_JSON)
                .content("{\"followUpAt\":\"" + setAt.plus(Duration.ofHours(2)) + "\"}")).andExpect(status().isOk());

        clock.set(setAt.plus(Duration.ofMinutes(30)));
        intake.receive(new InboundMessage(Channel.WEB, "wait-answered", "Here is the bank statement", null));
        mvc.perform(get("/api/tickets/{id}/wait", id).with(ALICE)).andExpect(status().isNotFound());

        clock.set(setAt.plus(Duration.ofHours(2)));
        management.executeJob(followUpTimers(id).get(0).getId());
        assertThat(notes(id)).noneMatch(n -> n.startsWith("Follow-up due"));
        assertThat(jdbc.sql("SELECT COUNT(*) FROM ticket_follow_up WHERE ticket_id = ?").param(id).query(Long.class)
                .single()).as("the answered wait is gone").isZero();
    }

    @Test
    void aBadWaitIsRefusedAndOnlyTheTicketsAgentWaits() throws Exception {
        long id = TestTickets.in(context).queued("wait-bad", "Invoice 7712 is addressed to my old company", Topic.BILLING);
        mvc.perform(post("/api/tickets/{id}/claim", id).with(ALICE)).andExpect(status().isOk());
        for (String bad : List.of("{}", "{\"after\":\"PT10S\"}", "{\"after\":\"P60D\"}", "{\"after\":\"soon\"}",
                "{\"after\":\"PT1H\",\"followUpAt\":\"" + clock.instant().plus(Duration.ofHours(1)) + "\"}",
                "{\"after\":\"PT1H\",\"note\":\"" + "x".repeat(2001) + "\"}")) {
            mvc.perform(post("/api/tickets/{id}/wait", id).with(ALICE).contentType(MediaType.APPLICATION_JSON).content(bad))
                    .andExpect(status().isBadRequest());
        }
        mvc.perform(post("/api/tickets/{id}/wait", id).with(BOB).contentType(MediaType.APPLICATION_JSON)
                .content("{\"after\":\"PT1H\"}")).andExpect(status().isConflict());
        mvc.perform(post("/api/tickets/{id}/wait", id).with(CAROL).contentType(MediaType.APPLICATION_JSON)
                .content("{\"after\":\"PT1H\"}")).andExpect(status().isNotFound());
        assertThat(followUpTimers(id)).as("nothing refused reached the lifecycle").isEmpty();

        mvc.perform(post("/api/tickets/{id}/wait", id).with(ALICE).contentType(MediaType.APPLICATION_JSON)
                .content("{\"after\":\"PT1H\"}")).andExpect(status().isOk());
        mvc.perform(delete("/api/tickets/{id}/wait", id).with(ALICE)).andExpect(status().isNoContent());
        mvc.perform(get("/api/tickets/{id}/wait", id).with(ALICE)).andExpect(status().isNotFound());

        mvc.perform(post("/api/tickets/{id}/resolve", id).with(ALICE)).andExpect(status().isOk());
        mvc.perform(post("/api/tickets/{id}/wait", id).with(ALICE).contentType(MediaType.APPLICATION_JSON)
                .content("{\"after\":\"PT1H\"}")).andExpect(status().isConflict());
    }

    private List<Job> followUpTimers(long ticketId) {
        String instance = runtime.createProcessInstanceQuery().processDefinitionKey(TicketLifecycleProcess.PROCESS_ID)
                .processInstanceBusinessKey(String.valueOf(ticketId)).singleResult().getId();
        return management.createJobQuery().processInstanceId(instance).activityId(TicketLifecycleProcess.TIMER_FOLLOW_UP_DUE)
                .orderByJobDuedate().asc().list();
    }

    private List<String> notes(long ticketId) {
        return tickets.notes(ticketId, TicketAccess.everyTicket("test")).stream().map(n -> n.text()).toList();
    }

    private JsonNode body(org.springframework.test.web.servlet.ResultActions result) throws Exception {
        return json.readTree(result.andReturn().getResponse().getContentAsString());
    }

    private static RequestPostProcessor agent(String name, String queue) {
        return user(name).authorities(new SimpleGrantedAuthority("ROLE_AGENT"), new SimpleGrantedAuthority("GROUP_agents"),
                new SimpleGrantedAuthority("GROUP_" + queue));
    }
}
