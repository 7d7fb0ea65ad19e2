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

import io.kefu.testing.H2Database;
import io.kefu.testing.TestTickets;
import io.kefu.ticket.TicketService;
import io.kefu.ticket.Topic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
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
