package io.kefu.security;

import java.time.Duration;
import java.util.List;

import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import io.kefu.conversation.ConversationService;
import io.kefu.lifecycle.TicketLifecycleProcess;
import io.kefu.testing.H2Database;
import io.kefu.testing.TestTickets;
import io.kefu.security.token.ApiTokenService;
import io.kefu.ticket.TicketService;
import io.kefu.ticket.TicketStatus;
import io.kefu.ticket.Topic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Who reaches which ticket, through the API and the workspace pages: an agent the tickets of their
 * queues and those assigned to them, and nothing else — another queue's ticket answers 404 with
 * the body of a missing one, and nothing is stored; supervisors, admins and ticket-scoped API
 * tokens reach every ticket.
 */
@H2Database("ticket-access")
@SpringBootTest
@AutoConfigureMockMvc
class TicketAccessTest {

    /** An agent of billing_team only. */
    static final RequestPostProcessor BILLING_AGENT = user("alice").authorities(
            new SimpleGrantedAuthority("ROLE_AGENT"), new SimpleGrantedAuthority("GROUP_agents"),
            new SimpleGrantedAuthority("GROUP_billing_team"));
    /** A supervisor in no queue. */
    static final RequestPostProcessor SUPERVISOR = user("sue").authorities(
            new SimpleGrantedAuthority("ROLE_SUPERVISOR"), new SimpleGrantedAuthority("GROUP_supervisors"));
    static final RequestPostProcessor DESIGNER = user("dora").authorities(
            new SimpleGrantedAuthority("ROLE_DESIGNER"), new SimpleGrantedAuthority("GROUP_designers"));

    @Autowired
    MockMvc mvc;
    @Autowired
    ApiTokenService tokens;
    @Autowired
    ApplicationContext context;
    @Autowired
    TicketService tickets;
    @Autowired
    ConversationService conversations;
    @Autowired
    TaskService tasks;

    @Test
    void anAgentReachesTheTicketsOfTheirQueue() throws Exception {
        long ticketId = queuedTicket("own-queue", Topic.BILLING, "billing_team");

        mvc.perform(get("/api/tickets/{id}", ticketId).with(BILLING_AGENT)).andExpect(status().isOk());
        mvc.perform(get("/api/tickets/{id}/messages", ticketId).with(BILLING_AGENT)).andExpect(status().isOk());
        mvc.perform(get("/workspace/tickets/{id}", ticketId).with(BILLING_AGENT)).andExpect(status().isOk());
        mvc.perform(post("/api/tickets/{id}/claim", ticketId).with(BILLING_AGENT)).andExpect(status().isOk());
        mvc.perform(json(post("/api/tickets/{id}/replies", ticketId), "{\"text\":\"On it\"}").with(BILLING_AGENT))
                .andExpect(status().isCreated());
        mvc.perform(post("/api/tickets/{id}/resolve", ticketId).with(BILLING_AGENT)).andExpect(status().isOk());
        assertThat(tickets.get(ticketId).status()).isEqualTo(TicketStatus.RESOLVED);
    }

    @Test
    void anotherQueuesTicketAnswersAnAgentLikeAMissingOneAndStoresNothing() throws Exception {
        long ticketId = queuedTicket("other-queue", Topic.ORDER, "general_support");
        long missing = 987654321L;

        assertSameNotFound("/api/tickets/{id}", ticketId, missing);
        assertSameNotFound("/api/tickets/{id}/messages", ticketId, missing);
        for (String action : new String[] {"claim", "resolve"}) {
            String other = notFound(post("/api/tickets/{id}/" + action, ticketId).with(BILLING_AGENT), ticketId);
            assertThat(other).isEqualTo(notFound(post("/api/tickets/{id}/" + action, missing).with(BILLING_AGENT), missing));
        }
        notFound(json(post("/api/tickets/{id}/replies", ticketId), "{\"text\":\"Not yours\"}").with(BILLING_AGENT),
                ticketId);
        mvc.perform(get("/workspace/tickets/{id}", ticketId).with(BILLING_AGENT)).andExpect(status().isNotFound());
        for (String action : new String[] {"claim", "resolve"}) {
            mvc.perform(post("/workspace/tickets/{id}/" + action, ticketId).with(BILLING_AGENT).with(csrf()))
                    .andExpect(status().isNotFound());
        }
        mvc.perform(post("/workspace/tickets/{id}/reply", ticketId).param("text", "Not yours").with(BILLING_AGENT)
                .with(csrf())).andExpect(status().isNotFound());
        mvc.perform(get("/workspace").with(BILLING_AGENT))
                .andExpect(content().string(not(containsString("data-ticket-id=\"" + ticketId + "\""))));

        assertThat(tickets.get(ticketId).status()).isEqualTo(TicketStatus.QUEUED);
        assertThat(tickets.get(ticketId).assignee()).isNull();
        assertThat(conversations.transcript(ticketId)).hasSize(1);
    }

    @Test
    void anAgentReachesATicketOfAnotherQueueOnceItIsAssignedToThem() throws Exception {
        long ticketId = queuedTicket("assigned", Topic.ORDER, "general_support");
        String task = tasks.createTaskQuery().processDefinitionKey(TicketLifecycleProcess.PROCESS_ID)
                .processInstanceBusinessKey(String.valueOf(ticketId)).singleResult().getId();
        tasks.claim(task, "alice");
        await().atMost(Duration.ofSeconds(15)).until(() -> "alice".equals(tickets.get(ticketId).assignee()));

        mvc.perform(get("/api/tickets/{id}", ticketId).with(BILLING_AGENT)).andExpect(status().isOk());
        mvc.perform(get("/workspace/tickets/{id}", ticketId).with(BILLING_AGENT)).andExpect(status().isOk());
        mvc.perform(json(post("/api/tickets/{id}/replies", ticketId), "{\"text\":\"Taking it\"}").with(BILLING_AGENT))
                .andExpect(status().isCreated());
        mvc.perform(post("/api/tickets/{id}/resolve", ticketId).with(BILLING_AGENT)).andExpect(status().isOk());
    }

    @Test
    void aSupervisorInNoQueueReachesAndWorksEveryQueue() throws Exception {
        long ticketId = queuedTicket("supervised", Topic.ORDER, "general_support");

        mvc.perform(get("/api/workspace/tasks").with(SUPERVISOR))
                .andExpect(content().string(containsString("\"ticketId\":" + ticketId)));
        mvc.perform(get("/api/tickets/{id}/messages", ticketId).with(SUPERVISOR)).andExpect(status().isOk());
        mvc.perform(get("/workspace/tickets/{id}", ticketId).with(SUPERVISOR)).andExpect(status().isOk());
        mvc.perform(post("/api/tickets/{id}/claim", ticketId).with(SUPERVISOR)).andExpect(status().isOk());
        assertThat(tickets.get(ticketId).assignee()).isEqualTo("sue");
    }

    @Test
    void aTicketScopedTokenReachesEveryTicketAndOnlyWritesWithTicketsWrite() throws Exception {
        long ticketId = queuedTicket("token", Topic.ORDER, "general_support");
        // Real tokens through the Bearer filter, so the token rules decide as they do for clients.
        RequestPostProcessor reader = bearer(tokens.issue("crm", List.of("tickets:read"), "P1D").secret());
        RequestPostProcessor writer = bearer(tokens.issue("bot", List.of("tickets:write"), "P1D").secret());
        RequestPostProcessor messages = bearer(tokens.issue("web", List.of("messages:write"), "P1D").secret());

        mvc.perform(get("/api/tickets/{id}", ticketId).with(reader)).andExpect(status().isOk());
        mvc.perform(get("/api/tickets/{id}/messages", ticketId).with(reader)).andExpect(status().isOk());
        mvc.perform(post("/api/tickets/{id}/claim", ticketId).with(reader)).andExpect(status().isForbidden());
        mvc.perform(get("/api/tickets/{id}", ticketId).with(messages)).andExpect(status().isForbidden());
        mvc.perform(get("/api/workspace/tasks").with(writer)).andExpect(status().isForbidden());

        mvc.perform(post("/api/tickets/{id}/claim", ticketId).with(writer)).andExpect(status().isOk());
        assertThat(tickets.get(ticketId).assignee()).isEqualTo("token:bot");
    }

    @Test
    void designersAndCallersWithoutARoleReachNoTicket() throws Exception {
        long ticketId = queuedTicket("no-role", Topic.BILLING, "billing_team");
        RequestPostProcessor queueOnly = user("quinn").authorities(new SimpleGrantedAuthority("GROUP_billing_team"));

        mvc.perform(get("/api/tickets/{id}", ticketId).with(DESIGNER)).andExpect(status().isForbidden());
        mvc.perform(get("/workspace/tickets/{id}", ticketId).with(DESIGNER)).andExpect(status().isForbidden());
        mvc.perform(get("/api/tickets/{id}", ticketId).with(queueOnly)).andExpect(status().isForbidden());
        mvc.perform(get("/api/tickets/{id}", ticketId)).andExpect(status().isUnauthorized());
    }

    private static RequestPostProcessor bearer(String token) {
        return request -> {
            request.addHeader("Authorization", "Bearer " + token);
            return request;
        };
    }

    /** Both ids answer 404 to the agent with the same problem, but for the id itself. */
    private void assertSameNotFound(String path, long outOfReach, long missing) throws Exception {
        String other = notFound(get(path, outOfReach).with(BILLING_AGENT), outOfReach);
        assertThat(other).isEqualTo(notFound(get(path, missing).with(BILLING_AGENT), missing));
    }

    /** The 404 body with the id replaced by {@code ID}. */
    private String notFound(MockHttpServletRequestBuilder request, long id) throws Exception {
        return mvc.perform(request).andExpect(status().isNotFound()).andReturn().getResponse()
                .getContentAsString().replaceAll("\\b" + id + "\\b", "ID");
    }

    private static MockHttpServletRequestBuilder json(MockHttpServletRequestBuilder request, String body) {
        return request.contentType(MediaType.APPLICATION_JSON).content(body);
    }

    private long queuedTicket(String customer, Topic topic, String queue) {
        long ticketId = TestTickets.in(context).queued(customer + "-" + System.nanoTime(),
                "Please help with my " + topic, topic);
        assertThat(tickets.get(ticketId).queue()).isEqualTo(queue);
        return ticketId;
    }
}
