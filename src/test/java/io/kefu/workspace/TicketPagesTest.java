package io.kefu.workspace;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import io.kefu.conversation.ConversationService;
import io.kefu.testing.H2Database;
import io.kefu.knowledge.KnowledgeService;
import io.kefu.testing.TestArticles;
import io.kefu.testing.TestTickets;
import io.kefu.ticket.Priority;
import io.kefu.ticket.TicketService;
import io.kefu.ticket.TicketStatus;
import io.kefu.ticket.Topic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The ticket list page ({@code /tickets}: search, filters, saved views, "more", display names in
 * English and Chinese) and the ticket page's tools, through the pages as a browser posts them, on H2.
 */
@H2Database("ticket-pages")
@SpringBootTest
@AutoConfigureMockMvc
class TicketPagesTest {

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
    ConversationService conversations;

    @Test
    void theListFindsATicketByAWordOfItsConversationWithQueueTopicAndIntentDisplayNames() throws Exception {
        long billing = TestTickets.in(context).queued("page-list-1", "I want a refund, the quokkafee was charged twice", null);
        long order = TestTickets.in(context).queued("page-list-2", "Where is my quokkafee parcel", Topic.ORDER);

        String en = page(get("/tickets").param("q", "quokkafee").with(SUPERVISOR));
        assertThat(rows(en)).contains(billing, order);
        assertThat(en).contains("Billing team", "Refund", "Web chat", "href=\"/workspace/tickets/" + billing + "\"")
                .doesNotContain(">billing_team<");

        String zh = page(get("/tickets").param("q", "quokkafee").param("lang", "zh").with(SUPERVISOR));
        assertThat(zh).contains("工单", "账务组", "退款", "网页聊天");

        String agents = page(get("/tickets").param("q", "quokkafee").param("view", "all").with(BILLING_AGENT));
        assertThat(rows(agents)).as("an agent lists only what they reach").contains(billing).doesNotContain(order);
        assertThat(agents).as("and has no 'all tickets' view").doesNotContain("data-view=\"all\"");

        assertThat(rows(page(get("/tickets").param("q", "quokkafee").param("topic", "ORDER").with(SUPERVISOR))))
                .containsExactly(order);
        assertThat(rows(page(get("/tickets").param("q", "quokkafee").param("view", "unassigned")
                .param("queue", "billing_team").with(SUPERVISOR)))).containsExactly(billing);
    }

    @Test
    void moreLeadsToTheNextPageWithTheSameFiltersAndNoRepeats() throws Exception {
        java.util.List<Long> opened = new java.util.ArrayList<>();
        for (int i = 0; i < TicketListController.PAGE + 2; i++) {
            opened.add(TestTickets.in(context).queued("page-more-" + i, "wombatcase number " + i, Topic.GENERAL));
        }
        String first = page(get("/tickets").param("q", "wombatcase").with(SUPERVISOR));
        Matcher more = Pattern.compile("class=\"button secondary more\" href=\"([^\"]+)\"").matcher(first);
        assertThat(more.find()).isTrue();
        String next = page(get(more.group(1).replace("&amp;", "&")).with(SUPERVISOR));

        java.util.List<Long> seen = new java.util.ArrayList<>(rows(first));
        seen.addAll(rows(next));
        assertThat(rows(first)).hasSize(TicketListController.PAGE);
        assertThat(seen).containsExactlyInAnyOrderElementsOf(opened);
        assertThat(next).doesNotContain("class=\"button secondary more\"");
    }

    @Test
    void aBadFilterIsRefusedNamingItAndListsNothing() throws Exception {
        String body = mvc.perform(get("/tickets").param("createdFrom", "last tuesday").with(SUPERVISOR))
                .andExpect(status().isBadRequest()).andReturn().getResponse().getContentAsString();
        assertThat(body).contains("createdFrom").contains("not valid");
        assertThat(rows(body)).isEmpty();
    }

    @Test
    void anInternalNoteShowsInTheTranscriptMarkedAndIsNeverAMessageToTheCustomer() throws Exception {
        long ticketId = TestTickets.in(context).queued("page-note", "My invoice total is wrong", Topic.BILLING);

        mvc.perform(post("/workspace/tickets/{id}/notes", ticketId).param("text", "Customer called twice, be gentle")
                .with(BILLING_AGENT).with(csrf())).andExpect(redirectedUrl("/workspace/tickets/" + ticketId))
                .andExpect(flash().attribute("notice", "workspace.flash.noted"));

        String page = page(get("/workspace/tickets/{id}", ticketId).with(BILLING_AGENT));
        assertThat(page).contains("<li class=\"internal\"", "Internal note · never sent to the customer",
                "Customer called twice, be gentle");
        assertThat(conversations.transcript(ticketId)).extracting(m -> m.body())
                .doesNotContain("Customer called twice, be gentle");
        mvc.perform(post("/workspace/tickets/{id}/notes", ticketId).param("text", " ").with(BILLING_AGENT).with(csrf()))
                .andExpect(flash().attribute("error", "workspace.error.note-length"));
        assertThat(page(get("/workspace/tickets/{id}", ticketId).param("lang", "zh").with(BILLING_AGENT)))
                .contains("内部备注 · 不会发送给客户", "转接", "修改优先级");
    }

    @Test
    void theProfileListsTheCustomersOtherTicketsWithinReachAndAnArticleGoesIntoTheReplyOnlyWhenPublished()
            throws Exception {
        long earlier = TestTickets.in(context).queued("page-profile", "My invoice was sent twice", Topic.BILLING);
        tickets.abandon(earlier);
        long ticketId = TestTickets.in(context).queued("page-profile", "The invoice total is wrong", Topic.BILLING);

        String page = page(get("/workspace/tickets/{id}", ticketId).with(BILLING_AGENT));
        String profile = page.substring(page.indexOf("class=\"customer-profile\""), page.indexOf("class=\"kb-related\""));
        assertThat(profile).contains("data-ticket-id=\"" + earlier + "\"", "Closed", "data-channel=\"WEB\"", "page-profile")
                .doesNotContain("data-ticket-id=\"" + ticketId + "\"");
        assertThat(page).contains("data-me=\"alice\"", "First response due", "class=\"countdown first-response\"");

        KnowledgeService knowledge = context.getBean(KnowledgeService.class);
        long published = TestArticles.published(knowledge, "en", "Invoice corrections", "Send us the invoice number.");
        long draft = TestArticles.draft(knowledge, "en", "Unfinished", "Not yet.");
        String json = mvc.perform(get("/workspace/tickets/{id}/articles/{a}", ticketId, published).with(BILLING_AGENT))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(json).contains("\"title\":\"Invoice corrections\"", "\"text\":\"Send us the invoice number.\"");
        mvc.perform(get("/workspace/tickets/{id}/articles/{a}", ticketId, draft).with(BILLING_AGENT))
                .andExpect(status().isNotFound());
        RequestPostProcessor orderAgent = user("olga").authorities(new SimpleGrantedAuthority("ROLE_AGENT"),
                new SimpleGrantedAuthority("GROUP_agents"), new SimpleGrantedAuthority("GROUP_order_team"));
        mvc.perform(get("/workspace/tickets/{id}/articles/{a}", ticketId, published).with(orderAgent))
                .andExpect(status().isNotFound());
    }

    @Test
    void aRelatedTicketIsLinkedAndUnlinkedFromTheTicketPage() throws Exception {
        long one = TestTickets.in(context).queued("page-link-1", "Invoice 5521 charged twice", Topic.BILLING);
        long two = TestTickets.in(context).queued("page-link-2", "Invoice 5521 is wrong", Topic.BILLING);
        mvc.perform(post("/workspace/tickets/{id}/links", one).param("ticketId", "#" + two).with(BILLING_AGENT).with(csrf()))
                .andExpect(redirectedUrl("/workspace/tickets/" + one))
                .andExpect(flash().attribute("notice", "workspace.flash.linked"));
        String page = page(get("/workspace/tickets/{id}", two).with(BILLING_AGENT));
        String related = page.substring(page.indexOf("class=\"related-tickets\""), page.indexOf("class=\"kb-related\""));
        assertThat(related).contains("data-ticket-id=\"" + one + "\"", "page-link-1", "Waiting in queue");
        mvc.perform(post("/workspace/tickets/{id}/links", one).param("ticketId", "next week").with(BILLING_AGENT).with(csrf()))
                .andExpect(flash().attribute("error", "workspace.error.invalid.ticketId"));
        mvc.perform(post("/workspace/tickets/{id}/links", one).param("ticketId", String.valueOf(one)).with(BILLING_AGENT)
                .with(csrf())).andExpect(flash().attribute("error", "workspace.error.invalid.ticketId"));
        mvc.perform(post("/workspace/tickets/{id}/links/{other}/delete", two, one).with(BILLING_AGENT).with(csrf()))
                .andExpect(flash().attribute("notice", "workspace.flash.unlinked"));
        assertThat(page(get("/workspace/tickets/{id}", one).param("lang", "zh").with(BILLING_AGENT)))
                .contains("相关工单", "尚无关联工单。");
    }

    @Test
    void anAgentWaitsForTheCustomerFromTheTicketPageAndStopsWaiting() throws Exception {
        long id = TestTickets.in(context).queued("page-wait", "Invoice 5530 needs my new address", Topic.BILLING);
        mvc.perform(post("/workspace/tickets/{id}/claim", id).with(BILLING_AGENT).with(csrf()));
        mvc.perform(post("/workspace/tickets/{id}/wait", id).param("after", "P1D").param("note", "the new address")
                .with(BILLING_AGENT).with(csrf())).andExpect(flash().attribute("notice", "workspace.flash.waiting"));
        String page = page(get("/workspace/tickets/{id}", id).with(BILLING_AGENT));
        assertThat(page).contains("class=\"waiting-for-customer\"", "Waiting for the customer&#39;s answer (set by alice)",
                "class=\"countdown follow-up\"", "the new address");
        mvc.perform(post("/workspace/tickets/{id}/wait", id).param("after", "P90D").with(BILLING_AGENT).with(csrf()))
                .andExpect(flash().attribute("error", "workspace.error.invalid.followUpAt"));
        assertThat(page(get("/workspace/tickets/{id}", id).param("lang", "zh").with(BILLING_AGENT)))
                .contains("正在等待客户回复（由 alice 设置）");
        mvc.perform(post("/workspace/tickets/{id}/wait/delete", id).with(BILLING_AGENT).with(csrf()))
                .andExpect(flash().attribute("notice", "workspace.flash.stopped-waiting"));
        assertThat(page(get("/workspace/tickets/{id}", id).with(BILLING_AGENT))).doesNotContain("class=\"waiting-for-customer\"");
    }

    @Test
    void priorityUnclaimAndTransferWorkFromTheTicketPage() throws Exception {
        long ticketId = TestTickets.in(context).queued("page-tools", "Please refund the double charge", Topic.BILLING);
        mvc.perform(post("/workspace/tickets/{id}/claim", ticketId).with(BILLING_AGENT).with(csrf()));
        assertThat(tickets.get(ticketId).assignee()).isEqualTo("alice");

        mvc.perform(post("/workspace/tickets/{id}/priority", ticketId).param("priority", "URGENT")
                .with(BILLING_AGENT).with(csrf())).andExpect(flash().attribute("notice", "workspace.flash.priority"));
        assertThat(tickets.get(ticketId).priority()).isEqualTo(Priority.URGENT);
        mvc.perform(post("/workspace/tickets/{id}/priority", ticketId).param("priority", "SOONISH")
                .with(BILLING_AGENT).with(csrf())).andExpect(flash().attribute("error", "workspace.error.invalid.priority"));

        mvc.perform(post("/workspace/tickets/{id}/unclaim", ticketId).with(BILLING_AGENT).with(csrf()))
                .andExpect(flash().attribute("notice", "workspace.flash.unclaimed"));
        assertThat(tickets.get(ticketId).assignee()).isNull();
        assertThat(tickets.get(ticketId).status()).isEqualTo(TicketStatus.QUEUED);

        mvc.perform(post("/workspace/tickets/{id}/transfer", ticketId).param("queue", "billing_team").param("agent", "")
                .with(BILLING_AGENT).with(csrf())).andExpect(flash().attribute("error", "workspace.error.invalid.queue"));
        mvc.perform(post("/workspace/tickets/{id}/transfer", ticketId).param("queue", "general_support")
                .param("agent", "").param("note", "Not a billing matter after all").with(BILLING_AGENT).with(csrf()))
                .andExpect(redirectedUrl("/workspace"))
                .andExpect(flash().attribute("notice", "workspace.flash.transferred"));
        assertThat(tickets.get(ticketId).queue()).isEqualTo("general_support");
        assertThat(page(get("/workspace/tickets/{id}", ticketId).with(SUPERVISOR)))
                .contains("Not a billing matter after all", "General support");
        mvc.perform(get("/workspace/tickets/{id}", ticketId).with(BILLING_AGENT)).andExpect(status().isNotFound());
    }

    @Test
    void theBotsAnswerIsShownAsSanitisedMarkdownAndACustomersMessageAsText() throws Exception {
        long ticketId = TestTickets.in(context).queued("page-markdown", "**bold?** <b>hi</b>", Topic.GENERAL);
        conversations.appendOutbound(tickets.get(ticketId).conversationId(), ticketId, "bot",
                "**Refunds** take 5 days. <script>alert(1)</script> [Policy](javascript:alert(2))");

        String page = page(get("/workspace/tickets/{id}", ticketId).with(SUPERVISOR));
        assertThat(page).contains("<strong>Refunds</strong> take 5 days.")
                .doesNotContain("<script>alert(1)").doesNotContain("javascript:alert")
                .contains("**bold?** &lt;b&gt;hi&lt;/b&gt;");
    }

    String page(org.springframework.test.web.servlet.RequestBuilder request) throws Exception {
        return mvc.perform(request).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
    }

    static java.util.List<Long> rows(String html) {
        java.util.List<Long> ids = new java.util.ArrayList<>();
        Matcher row = Pattern.compile("<tr data-ticket-id=\"(\\d+)\"").matcher(html);
        while (row.find()) {
            ids.add(Long.valueOf(row.group(1)));
        }
        return ids;
    }
}
