package io.kefu.workspace;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import io.kefu.conversation.ConversationService;
import io.kefu.lifecycle.TicketLifecycleProcess;
import io.kefu.testing.TestTickets;
import io.kefu.ticket.TicketService;
import io.kefu.ticket.TicketStatus;
import io.kefu.ticket.Topic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Canned responses ({@code /api/canned-responses}: personal and team ones, who sees and changes
 * which, placeholders filled per ticket, bad fields refused) and merging two tickets
 * ({@code POST /api/tickets/{id}/merge}), through the API. Subclasses run them on H2
 * ({@link CannedResponsesAndMergeTest}) and on real MariaDB ({@link MariaDbCannedResponsesAndMergeTest}).
 */
abstract class CannedResponsesAndMergeScenarios {

    static final RequestPostProcessor ALICE = agent("alice", "billing_team");
    static final RequestPostProcessor BOB = agent("bob", "billing_team");
    static final RequestPostProcessor CAROL = agent("carol", "general_support");
    static final RequestPostProcessor SUPERVISOR = user("sue").authorities(
            new SimpleGrantedAuthority("ROLE_SUPERVISOR"), new SimpleGrantedAuthority("GROUP_supervisors"));

    @Autowired
    MockMvc mvc;
    @Autowired
    ApplicationContext context;
    @Autowired
    TicketService tickets;
    @Autowired
    ConversationService conversations;
    @Autowired
    RuntimeService runtime;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    ObjectMapper json;

    @Test
    void aPersonalResponseIsTheAuthorsAloneAndATeamOneIsSharedByTheQueuesAgents() throws Exception {
        long personal = create(ALICE, "{\"title\":\"Refund timing\",\"text\":\"Hello {{customer.name}}, refunds take 5 days.\","
                + "\"language\":\"en\",\"scope\":\"PERSONAL\"}").get("id").asLong();
        JsonNode team = create(ALICE, "{\"title\":\"退款时间\",\"text\":\"{{customer.name}}您好，退款需要 5 天。\","
                + "\"language\":\"zh\",\"scope\":\"TEAM\"}");
        assertThat(team.get("team").asText()).as("the author's only queue").isEqualTo("billing_team");
        long teamId = team.get("id").asLong();

        assertThat(ids(read(get("/api/canned-responses").with(ALICE)))).contains(personal, teamId);
        assertThat(ids(read(get("/api/canned-responses").with(BOB)))).contains(teamId).doesNotContain(personal);
        assertThat(ids(read(get("/api/canned-responses").with(CAROL)))).doesNotContain(personal, teamId);
        assertThat(ids(read(get("/api/canned-responses").param("q", "REFUNDS TAKE").with(ALICE))))
                .containsExactly(personal);

        mvc.perform(get("/api/canned-responses/{id}", personal).with(BOB)).andExpect(status().isNotFound());
        mvc.perform(put("/api/canned-responses/{id}", teamId).with(BOB).contentType(MediaType.APPLICATION_JSON)
                .content("{\"title\":\"退款时间\",\"text\":\"退款需要 3 到 5 天。\",\"language\":\"zh\",\"scope\":\"TEAM\"}"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.text").value("退款需要 3 到 5 天。"));
        mvc.perform(delete("/api/canned-responses/{id}", personal).with(BOB)).andExpect(status().isNotFound());
        mvc.perform(delete("/api/canned-responses/{id}", personal).with(ALICE)).andExpect(status().isNoContent());
        assertThat(ids(read(get("/api/canned-responses").with(ALICE)))).doesNotContain(personal);
    }

    @Test
    void insertingForATicketFillsThePlaceholdersTheTicketsLanguageFirst() throws Exception {
        long ticketId = TestTickets.in(context).queued("canned-fill", "My invoice is wrong, please fix it", Topic.BILLING);
        create(ALICE, "{\"title\":\"Fill zh\",\"text\":\"{{customer.name}} 您好\",\"language\":\"zh\",\"scope\":\"PERSONAL\"}");
        create(ALICE, "{\"title\":\"Fill en\",\"text\":\"Hi {{customer.name}}, this is {{agent.name}} on ticket "
                + "#{{ticket.id}} ({{unknown.thing}})\",\"language\":\"en\",\"scope\":\"PERSONAL\"}");

        JsonNode filled = read(get("/api/canned-responses").param("ticketId", String.valueOf(ticketId)).param("q", "Fill")
                .with(ALICE));
        assertThat(filled.get(0).get("title").asText()).as("the ticket is in English").isEqualTo("Fill en");
        assertThat(filled.get(0).get("text").asText())
                .isEqualTo("Hi canned-fill, this is alice on ticket #" + ticketId + " ({{unknown.thing}})");
        mvc.perform(get("/workspace/tickets/{id}/canned", ticketId).param("q", "Fill").with(CAROL))
                .andExpect(status().isNotFound());
    }

    @Test
    void aBadCannedResponseIsRefusedNamingTheField() throws Exception {
        refused("{\"title\":\"\",\"text\":\"x\",\"language\":\"en\",\"scope\":\"PERSONAL\"}", ALICE, "title");
        refused("{\"title\":\"t\",\"text\":\"x\",\"language\":\"fr\",\"scope\":\"PERSONAL\"}", ALICE, "language");
        refused("{\"title\":\"t\",\"text\":\"x\",\"language\":\"en\",\"scope\":\"EVERYONE\"}", ALICE, "scope");
        refused("{\"title\":\"t\",\"text\":\"x\",\"language\":\"en\",\"scope\":\"TEAM\",\"team\":\"general_support\"}",
                ALICE, "team");
        refused("{\"title\":\"t\",\"text\":\"x\",\"language\":\"en\",\"scope\":\"TEAM\"}", SUPERVISOR, "team");
    }

    @Test
    void mergingMovesTheConversationAndNotesClosesTheSourceWithAPointerAndEndsItsLifecycle() throws Exception {
        long target = TestTickets.in(context).queued("merge-a", "My parcel has not arrived", Topic.ORDER);
        long source = TestTickets.in(context).queued("merge-a2", "Parcel still missing, second mail", Topic.ORDER);
        mvc.perform(post("/api/tickets/{id}/notes", source).with(SUPERVISOR).contentType(MediaType.APPLICATION_JSON)
                .content("{\"text\":\"Same parcel as the other ticket\"}")).andExpect(status().isCreated());

        mvc.perform(post("/api/tickets/{id}/merge", source).with(SUPERVISOR).contentType(MediaType.APPLICATION_JSON)
                .content("{\"intoTicketId\":" + target + "}")).andExpect(status().isOk())
                .andExpect(jsonPath("$.id").value(target));

        assertThat(tickets.get(source).status()).isEqualTo(TicketStatus.CLOSED);
        assertThat(tickets.mergedInto(source)).contains(target);
        assertThat(tickets.mergedFrom(target)).containsExactly(source);
        assertThat(conversations.transcript(source)).isEmpty();
        assertThat(conversations.transcript(target)).extracting(m -> m.body())
                .containsSubsequence("My parcel has not arrived", "Parcel still missing, second mail");
        assertThat(tickets.notes(target, io.kefu.ticket.TicketAccess.everyTicket("sue"))).extracting(n -> n.text())
                .contains("Same parcel as the other ticket", "Merged ticket #" + source + " into this one.");
        assertThat(runtime.createProcessInstanceQuery().processDefinitionKey(TicketLifecycleProcess.PROCESS_ID)
                .processInstanceBusinessKey(String.valueOf(source)).count()).as("its lifecycle ended").isZero();
        assertThat(runtime.createProcessInstanceQuery().processDefinitionKey(TicketLifecycleProcess.PROCESS_ID)
                .processInstanceBusinessKey(String.valueOf(target)).count()).as("the other goes on").isOne();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM outbox_event WHERE event_type = 'ticket.merged' AND aggregate_id = ?")
                .param(source).query(Long.class).single()).isOne();
        await().atMost(java.time.Duration.ofSeconds(10)).until(() -> jdbc.sql(
                "SELECT COUNT(*) FROM audit_event WHERE action = 'ticket.merge' AND target = ?")
                .param("ticket " + source).query(Long.class).single() == 1);

        mvc.perform(post("/api/tickets/{id}/merge", source).with(SUPERVISOR).contentType(MediaType.APPLICATION_JSON)
                .content("{\"intoTicketId\":" + target + "}")).andExpect(status().isConflict());
        mvc.perform(post("/api/tickets/{id}/merge", target).with(SUPERVISOR).contentType(MediaType.APPLICATION_JSON)
                .content("{\"intoTicketId\":" + target + "}")).andExpect(status().isBadRequest());
        mvc.perform(post("/api/tickets/{id}/merge", target).with(SUPERVISOR).contentType(MediaType.APPLICATION_JSON)
                .content("{\"intoTicketId\":" + source + "}")).andExpect(status().isConflict());
    }

    @Test
    void anAgentCannotMergeIntoATicketOutOfTheirReach() throws Exception {
        long billing = TestTickets.in(context).queued("merge-b", "Invoice is doubled", Topic.BILLING);
        long general = TestTickets.in(context).queued("merge-g", "Hello, a general question", Topic.GENERAL);
        mvc.perform(post("/api/tickets/{id}/merge", billing).with(ALICE).contentType(MediaType.APPLICATION_JSON)
                .content("{\"intoTicketId\":" + general + "}")).andExpect(status().isNotFound());
        assertThat(tickets.get(billing).status()).isEqualTo(TicketStatus.QUEUED);
    }

    @Test
    void twoTicketsLinkedAsRelatedShowEachOtherOnceAndOnlyWithinReach() throws Exception {
        long first = TestTickets.in(context).queued("link-a", "Parcel 9931 lost, invoice wrong too", Topic.BILLING);
        long second = TestTickets.in(context).queued("link-b", "Same parcel 9931, my neighbour's invoice", Topic.BILLING);
        long elsewhere = TestTickets.in(context).queued("link-c", "Where is parcel 9931?", Topic.GENERAL);
        long auditBefore = jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE action = 'ticket.link'").query(Long.class).single();

        JsonNode links = json.readTree(mvc.perform(post("/api/tickets/{id}/links", first).with(ALICE)
                .contentType(MediaType.APPLICATION_JSON).content("{\"ticketId\":" + second + "}"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
        assertThat(links).hasSize(1);
        assertThat(links.get(0).at("/ticket/id").asLong()).isEqualTo(second);
        assertThat(links.get(0).get("linkedBy").asText()).isEqualTo("alice");
        // the other way round is the same link: stored once, seen from both
        mvc.perform(post("/api/tickets/{id}/links", second).with(BOB).contentType(MediaType.APPLICATION_JSON)
                .content("{\"ticketId\":" + first + "}")).andExpect(status().isOk());
        assertThat(read(get("/api/tickets/{id}/links", second).with(BOB)).findValues("id").stream()
                .map(JsonNode::asLong)).contains(first).doesNotContain(second);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM ticket_link").query(Long.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE action = 'ticket.link'").query(Long.class).single())
                .as("one link, audited once").isEqualTo(auditBefore + 1);

        // a supervisor links a general_support ticket: billing agents do not see it among the links
        mvc.perform(post("/api/tickets/{id}/links", first).with(SUPERVISOR).contentType(MediaType.APPLICATION_JSON)
                .content("{\"ticketId\":" + elsewhere + "}")).andExpect(status().isOk());
        assertThat(read(get("/api/tickets/{id}/links", first).with(SUPERVISOR))).hasSize(2);
        assertThat(read(get("/api/tickets/{id}/links", first).with(ALICE))).hasSize(1);
        mvc.perform(post("/api/tickets/{id}/links", first).with(ALICE).contentType(MediaType.APPLICATION_JSON)
                .content("{\"ticketId\":" + elsewhere + "}")).andExpect(status().isNotFound());
        mvc.perform(post("/api/tickets/{id}/links", first).with(ALICE).contentType(MediaType.APPLICATION_JSON)
                .content("{\"ticketId\":" + first + "}")).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.startsWith("ticketId: ")));
        mvc.perform(post("/api/tickets/{id}/links", first).with(ALICE).contentType(MediaType.APPLICATION_JSON)
                .content("{}")).andExpect(status().isBadRequest());

        mvc.perform(delete("/api/tickets/{id}/links/{other}", second, first).with(BOB)).andExpect(status().isNoContent());
        assertThat(read(get("/api/tickets/{id}/links", first).with(ALICE))).isEmpty();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE action = 'ticket.unlink'").query(Long.class).single())
                .isPositive();
    }

    private JsonNode create(RequestPostProcessor who, String body) throws Exception {
        return json.readTree(mvc.perform(post("/api/canned-responses").with(who).contentType(MediaType.APPLICATION_JSON)
                .content(body)).andExpect(status().isCreated()).andReturn().getResponse().getContentAsString());
    }

    private void refused(String body, RequestPostProcessor who, String field) throws Exception {
        mvc.perform(post("/api/canned-responses").with(who).contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.field").value(field));
    }

    private JsonNode read(MockHttpServletRequestBuilder request) throws Exception {
        return json.readTree(mvc.perform(request).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString(java.nio.charset.StandardCharsets.UTF_8));
    }

    private static java.util.List<Long> ids(JsonNode list) {
        java.util.List<Long> ids = new java.util.ArrayList<>();
        list.forEach(n -> ids.add(n.get("id").asLong()));
        return ids;
    }

    private static RequestPostProcessor agent(String name, String queue) {
        return user(name).authorities(new SimpleGrantedAuthority("ROLE_AGENT"), new SimpleGrantedAuthority("GROUP_agents"),
                new SimpleGrantedAuthority("GROUP_" + queue));
    }
}
