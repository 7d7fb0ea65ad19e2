package io.kefu.chat;

import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.kefu.agent.AgentService;
import io.kefu.sla.EscalationReason;
import io.kefu.sla.Escalations;
import io.kefu.testing.H2Database;
import io.kefu.testing.StompChat;
import io.kefu.testing.TestTickets;
import io.kefu.ticket.TicketService;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A ticket climbing the escalation ladder tells the members of the reached level's group on their
 * live workspace connections, and nobody else; the ladder's groups exist from the start. A wait for
 * the customer that ran out tells the ticket's agent the same way.
 */
@H2Database("escalation-notice")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class EscalationNoticeTest {

    @LocalServerPort
    int port;
    @Autowired
    IdentityService identity;
    @Autowired
    Escalations escalations;
    @Autowired
    ApplicationContext context;
    @Autowired
    AgentService agents;

    private void user(String id, String... groups) {
        if (identity.createUserQuery().userId(id).count() == 0) {
            User user = identity.newUser(id);
            user.setFirstName(id);
            user.setLastName("Test");
            user.setPassword("pw-" + id + "-2026");
            identity.saveUser(user);
            for (String group : groups) {
                identity.createMembership(id, group);
            }
        }
    }

    @Test
    void theLaddersGroupsExistFromTheStart() {
        assertThat(identity.createGroupQuery().groupId("duty_managers").singleResult()).isNotNull()
                .satisfies(group -> assertThat(group.getName()).isEqualTo("duty-manager"));
        assertThat(identity.createGroupQuery().groupId("supervisors").count()).isOne();
        assertThat(agents.queues()).as("a ladder's group is nobody's queue: no ticket can be transferred to it")
                .contains("general_support").doesNotContain("duty_managers", "supervisors");
    }

    @Test
    void aDutyManagerIsToldLiveWhenATicketReachesTheirLevelAndAnAgentIsNot() throws Exception {
        user("duty-live", "agents", "duty_managers");
        user("agent-live", "agents", "general_support");
        long ticket = TestTickets.in(context).queued("escalated-customer", "I want to complain, nobody answers", null);

        try (StompChat duty = StompChat.agent(port, StompChat.signIn(port, "duty-live", "pw-duty-live-2026"));
                StompChat agent = StompChat.agent(port, StompChat.signIn(port, "agent-live", "pw-agent-live-2026"))) {
            duty.subscribe(ChatPush.ESCALATIONS_QUEUE);
            agent.subscribe(ChatPush.ESCALATIONS_QUEUE);

            // The subscriptions are asynchronous: climb again until the first notice arrives.
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1)).until(() -> {
                escalations.escalate(ticket, 2, null, EscalationReason.STILL_UNANSWERED);
                return !duty.at(ChatPush.ESCALATIONS_QUEUE).isEmpty();
            });

            JsonNode notice = duty.at(ChatPush.ESCALATIONS_QUEUE).get(0);
            assertThat(notice.get("type").asText()).isEqualTo("escalation");
            assertThat(notice.get("ticketId").asLong()).isEqualTo(ticket);
            assertThat(notice.get("position").asInt()).isEqualTo(2);
            assertThat(notice.get("status").asText()).isEqualTo("duty-manager");
            assertThat(notice.get("queue").asText()).isEqualTo("duty_managers");
            assertThat(notice.get("code").asText()).isEqualTo("STILL_UNANSWERED");
            assertThat(duty.failures()).isEmpty();
            assertThat(agent.at(ChatPush.ESCALATIONS_QUEUE)).as("not in duty_managers").isEmpty();
            assertThat(agent.failures()).as("subscribing to one's own notices is allowed").isEmpty();
        }
        assertThat(escalations.notifications(ticket)).isNotEmpty()
                .allSatisfy(n -> assertThat(n.recipient()).isEqualTo("duty_managers"));
    }
    @Test
    void aWaitForTheCustomerThatRunsOutTellsTheTicketsAgentLiveAndNobodyElse() throws Exception {
        user("wait-live", "agents", "general_support");
        user("other-live", "agents", "general_support");
        long ticket = TestTickets.in(context).queued("waiting-customer", "Can I change the size of my order?",
                io.kefu.ticket.Topic.GENERAL);
        TicketService tickets = context.getBean(TicketService.class);
        tickets.assign(ticket, "wait-live");
        JdbcClient jdbc = context.getBean(JdbcClient.class);

        try (StompChat waiting = StompChat.agent(port, StompChat.signIn(port, "wait-live", "pw-wait-live-2026"));
                StompChat other = StompChat.agent(port, StompChat.signIn(port, "other-live", "pw-other-live-2026"))) {
            waiting.subscribe(ChatPush.ESCALATIONS_QUEUE);
            other.subscribe(ChatPush.ESCALATIONS_QUEUE);
            // A wait whose follow-up time has come (set after the customer's message), run out by its timer's task;
            // again until the first notice arrives, as the subscriptions are asynchronous.
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1)).until(() -> {
                java.time.Instant now = java.time.Instant.now();
                jdbc.sql("DELETE FROM ticket_follow_up WHERE ticket_id = ?").param(ticket).update();
                jdbc.sql("INSERT INTO ticket_follow_up (ticket_id, follow_up_at, set_by, set_at) VALUES (?, ?, ?, ?)")
                        .params(ticket, java.sql.Timestamp.from(now.minusSeconds(1)), "wait-live",
                                java.sql.Timestamp.from(now)).update();
                assertThat(tickets.followUpDue(ticket)).isTrue();
                return !waiting.at(ChatPush.ESCALATIONS_QUEUE).isEmpty();
            });
            JsonNode notice = waiting.at(ChatPush.ESCALATIONS_QUEUE).get(0);
            assertThat(notice.get("type").asText()).isEqualTo("follow_up");
            assertThat(notice.get("ticketId").asLong()).isEqualTo(ticket);
            assertThat(other.at(ChatPush.ESCALATIONS_QUEUE)).as("not their ticket").isEmpty();
        }
        assertThat(context.getBean(TicketService.class).notes(ticket, io.kefu.ticket.TicketAccess.everyTicket("t")))
                .anyMatch(n -> n.text().startsWith("Follow-up due"));
    }
}
