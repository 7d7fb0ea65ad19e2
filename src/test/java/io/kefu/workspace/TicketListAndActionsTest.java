package io.kefu.workspace;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.IdentityLinkType;
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
import io.kefu.ticket.Priority;
import io.kefu.ticket.TicketService;
import io.kefu.ticket.TicketStatus;
import io.kefu.ticket.Topic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The ticket list ({@code GET /api/tickets}: filters, text search, views, cursor pages, the caller's
 * reach) and the ticket actions (notes, transfer, unclaim, priority) through the API, on H2.
 */
@H2Database("ticket-list-actions")
@SpringBootTest
@AutoConfigureMockMvc
class TicketListAndActionsTest {

    static final RequestPostProcessor BILLING_AGENT = user("alice").authorities(
            new SimpleGrantedAuthority("ROLE_AGENT"), new SimpleGrantedAuthority("GROUP_agents"),
            new SimpleGrantedAuthority("GROUP_billing_team"));
    static final RequestPostProcessor SUPERVISOR = user("sue").authorities(
            new SimpleGrantedAuthority("ROLE_SUPERVISOR"), new SimpleGrantedAuthority("GROUP_supervisors"));

    @Autowired
    MockMvc mvc;
    @Autowired
    ApplicationContext context;
    @Autowired
    TicketService tickets;
    @Autowired
    TaskService tasks;
    @Autowired
    ConversationService conversations;
    @Autowired
    ObjectMapper json;

    @Test
    void searchFindsATicketByAWordOfItsMessagesAndAnAgentOnlyWithinTheirQueues() throws Exception {
        long billing = TestTickets.in(context).queued("list-billing", "My invoice shows a zebracharge twice", Topic.BILLING);
        long order = TestTickets.in(context).queued("list-order", "Where is my zebracharge parcel", Topic.ORDER);

        JsonNode all = read(get("/api/tickets").param("q", "ZEBRACHARGE").with(SUPERVISOR));
        assertThat(ids(all)).containsExactlyInAnyOrder(billing, order);
        JsonNode agents = read(get("/api/tickets").param("q", "zebracharge").with(BILLING_AGENT));
        assertThat(ids(agents)).containsExactly(billing);
        assertThat(ids(read(get("/api/tickets").param("q", "zebracharge invoice").with(SUPERVISOR))))
                .containsExactly(billing);
        assertThat(ids(read(get("/api/tickets").param("q", "%").param("customer", "list-order").with(SUPERVISOR))))
                .isEmpty();
        assertThat(ids(read(get("/api/tickets").param("customer", "list-order").param("status", "QUEUED,ASSIGNED")
                .with(SUPERVISOR)))).containsExactly(order);
        assertThat(ids(read(get("/api/tickets").param("q", "#" + order).with(SUPERVISOR)))).containsExactly(order);
    }

    @Test
    void cursorPagesWalkTheChangedSinceFeedInStableOrderWithoutRepeatsOrGaps() throws Exception {
        String since = java.time.Instant.now().minusSeconds(1).toString();
        List<Long> opened = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            opened.add(TestTickets.in(context).queued("feed-" + i, "Feed ticket number " + i, Topic.GENERAL));
        }
        List<Long> seen = new ArrayList<>();
        List<java.time.Instant> times = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            MockHttpServletRequestBuilder request = get("/api/tickets").param("updatedSince", since)
                    .param("q", "feed ticket").param("limit", "2").with(SUPERVISOR);
            if (cursor != null) {
                request.param("cursor", cursor);
            }
            JsonNode page = read(request);
            page.get("items").forEach(t -> times.add(java.time.Instant.parse(t.get("updatedAt").asText())));
            seen.addAll(ids(page));
            cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asText();
            pages++;
        } while (cursor != null && pages < 10);

        assertThat(seen).containsExactlyInAnyOrderElementsOf(opened).doesNotHaveDuplicates();
        assertThat(pages).isEqualTo(3);
        assertThat(times).isSorted();
    }

    @Test
    void aBadParameterIsRefusedNamingIt() throws Exception {
        mvc.perform(get("/api/tickets").param("status", "OPENISH").with(SUPERVISOR)).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("status"));
        mvc.perform(get("/api/tickets").param("limit", "5000").with(SUPERVISOR)).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("limit"));
        mvc.perform(get("/api/tickets").param("cursor", "garbage!").with(SUPERVISOR)).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("cursor"));
        mvc.perform(get("/api/tickets").param("stauts", "QUEUED").with(SUPERVISOR)).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("stauts"));
        mvc.perform(get("/api/tickets").param("updatedSince", "yesterday").with(SUPERVISOR))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.field").value("updatedSince"));
    }

    @Test
    void theUnassignedAndMineViewsFollowAClaimAndAnUnclaim() throws Exception {
        long ticketId = TestTickets.in(context).queued("views", "Refund for a double payment please", Topic.BILLING);

        assertThat(ids(read(get("/api/tickets").param("view", "unassigned").param("customer", "views")
                .with(BILLING_AGENT)))).containsExactly(ticketId);
        mvc.perform(post("/api/tickets/{id}/claim", ticketId).with(BILLING_AGENT)).andExpect(status().isOk());
        assertThat(ids(read(get("/api/tickets").param("view", "mine").with(BILLING_AGENT)))).contains(ticketId);
        assertThat(ids(read(get("/api/tickets").param("view", "unassigned").param("customer", "views")
                .with(BILLING_AGENT)))).isEmpty();

        mvc.perform(post("/api/tickets/{id}/unclaim", ticketId).with(BILLING_AGENT)).andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("QUEUED"));
        assertThat(tickets.get(ticketId).assignee()).isNull();
        assertThat(task(ticketId).getAssignee()).isNull();
        mvc.perform(post("/api/tickets/{id}/unclaim", ticketId).with(BILLING_AGENT)).andExpect(status().isConflict());
    }

    @Test
    void aNoteIsStoredInternallyAndNeverBecomesAMessage() throws Exception {
        long ticketId = TestTickets.in(context).queued("notes", "My bill is wrong", Topic.BILLING);

        mvc.perform(json(post("/api/tickets/{id}/notes", ticketId), "{\"text\":\"Customer called twice\"}")
                .with(BILLING_AGENT)).andExpect(status().isCreated()).andExpect(jsonPath("$.author").value("alice"));
        mvc.perform(json(post("/api/tickets/{id}/notes", ticketId), "{\"text\":\"  \"}").with(BILLING_AGENT))
                .andExpect(status().isBadRequest());

        assertThat(conversations.transcript(ticketId)).hasSize(1);
        assertThat(tickets.notes(ticketId, io.kefu.ticket.TicketAccess.everyTicket("t"))).singleElement()
                .satisfies(n -> assertThat(n.text()).isEqualTo("Customer called twice"));
    }

    @Test
    void priorityChangesAndABadOneIsRefused() throws Exception {
        long ticketId = TestTickets.in(context).queued("priority", "Please check my invoice", Topic.BILLING);

        mvc.perform(json(post("/api/tickets/{id}/priority", ticketId), "{\"priority\":\"URGENT\"}").with(BILLING_AGENT))
                .andExpect(status().isOk()).andExpect(jsonPath("$.priority").value("URGENT"));
        assertThat(tickets.get(ticketId).priority()).isEqualTo(Priority.URGENT);
        mvc.perform(json(post("/api/tickets/{id}/priority", ticketId), "{\"priority\":\"SOON\"}").with(BILLING_AGENT))
                .andExpect(status().isBadRequest());
        assertThat(tickets.get(ticketId).priority()).isEqualTo(Priority.URGENT);
    }

    @Test
    void aTransferMovesTicketAndTaskToTheOtherQueueAndToTheNamedAgent() throws Exception {
        long ticketId = TestTickets.in(context).queued("transfer", "Invoice question about my order", Topic.BILLING);
        mvc.perform(post("/api/tickets/{id}/claim", ticketId).with(BILLING_AGENT)).andExpect(status().isOk());

        mvc.perform(json(post("/api/tickets/{id}/transfer", ticketId), "{\"queue\":\"nowhere\"}").with(BILLING_AGENT))
                .andExpect(status().isBadRequest());
        mvc.perform(json(post("/api/tickets/{id}/transfer", ticketId), "{}").with(BILLING_AGENT))
                .andExpect(status().isBadRequest());
        assertThat(tickets.get(ticketId).assignee()).isEqualTo("alice");

        mvc.perform(json(post("/api/tickets/{id}/transfer", ticketId),
                "{\"queue\":\"general_support\",\"agent\":\"demo\",\"note\":\"It is about delivery\"}")
                .with(BILLING_AGENT)).andExpect(status().isOk());

        assertThat(tickets.get(ticketId).queue()).isEqualTo("general_support");
        assertThat(tickets.get(ticketId).assignee()).isEqualTo("demo");
        assertThat(tickets.get(ticketId).status()).isEqualTo(TicketStatus.ASSIGNED);
        var task = task(ticketId);
        assertThat(task.getAssignee()).isEqualTo("demo");
        assertThat(tasks.getIdentityLinksForTask(task.getId())).filteredOn(l -> IdentityLinkType.CANDIDATE.equals(l.getType()))
                .extracting(l -> l.getGroupId()).contains("general_support").doesNotContain("billing_team");
        assertThat(tickets.notes(ticketId, io.kefu.ticket.TicketAccess.everyTicket("t")))
                .extracting(n -> n.text()).containsExactly("It is about delivery");
        // out of alice's queues and no longer hers: it reads as missing
        mvc.perform(get("/api/tickets/{id}", ticketId).with(BILLING_AGENT)).andExpect(status().isNotFound());
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                ids(read(get("/api/tickets").param("queue", "general_support").param("customer", "transfer")
                        .with(SUPERVISOR)))).containsExactly(ticketId));
    }

    private org.camunda.bpm.engine.task.Task task(long ticketId) {
        return tasks.createTaskQuery().processDefinitionKey(TicketLifecycleProcess.PROCESS_ID)
                .taskDefinitionKey(TicketLifecycleProcess.TASK_AGENT_WORK)
                .processInstanceBusinessKey(String.valueOf(ticketId)).singleResult();
    }

    private JsonNode read(MockHttpServletRequestBuilder request) throws Exception {
        String body = mvc.perform(request).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        return json.readTree(body);
    }

    private static List<Long> ids(JsonNode page) {
        List<Long> ids = new ArrayList<>();
        page.get("items").forEach(t -> ids.add(t.get("id").asLong()));
        return ids;
    }

    private static MockHttpServletRequestBuilder json(MockHttpServletRequestBuilder request, String body) {
        return request.contentType(MediaType.APPLICATION_JSON).content(body);
    }
}
