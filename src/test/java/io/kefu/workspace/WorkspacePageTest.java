package io.kefu.workspace;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import io.kefu.knowledge.ArticleContent;
import io.kefu.knowledge.KnowledgeService;
import io.kefu.testing.H2Database;
import io.kefu.testing.TestArticles;
import io.kefu.testing.TestTickets;
import io.kefu.ticket.TicketService;
import io.kefu.ticket.TicketStatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The agent task list page: sign-in, tasks per queue, claim, reply and resolve, in English and Chinese. */
@H2Database("workspace-page")
@SpringBootTest
@AutoConfigureMockMvc
class WorkspacePageTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    ApplicationContext context;
    @Autowired
    TicketService tickets;
    @Autowired
    KnowledgeService knowledge;

    @Test
    void pagesNeedASignInAndTheDemoUserCanSignIn() throws Exception {
        mvc.perform(get("/workspace")).andExpect(status().is3xxRedirection())
                .andExpect(header().string("Location", containsString("/login")));
        mvc.perform(get("/login")).andExpect(status().isOk()).andExpect(content().string(containsString("Sign in")));
        mvc.perform(formLogin().user("demo").password("demo")).andExpect(redirectedUrl("/"));
        mvc.perform(formLogin().user("demo").password("wrong")).andExpect(redirectedUrl("/login?error"));
    }

    @Test
    void agentSeesTheTicketInTheirQueueClaimsRepliesAndResolvesIt() throws Exception {
        long ticketId = routedTicket("page-agent", "I was charged twice for my subscription");

        mvc.perform(get("/workspace").with(agent("billing_team")))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("billing_team")))
                .andExpect(content().string(containsString("charged twice")))
                .andExpect(content().string(containsString("data-ticket-id=\"" + ticketId + "\"")));
        mvc.perform(get("/workspace").with(agent("general_support")))
                .andExpect(content().string(not(containsString("data-ticket-id=\"" + ticketId + "\""))));

        mvc.perform(post("/workspace/tickets/{id}/claim", ticketId).with(agent("billing_team")).with(csrf()))
                .andExpect(redirectedUrl("/workspace/tickets/" + ticketId));
        assertThat(tickets.get(ticketId).assignee()).isEqualTo("alice");

        mvc.perform(post("/workspace/tickets/{id}/reply", ticketId).param("text", "Refund is on its way")
                .with(agent("billing_team")).with(csrf()));
        mvc.perform(get("/workspace/tickets/{id}", ticketId).with(agent("billing_team")))
                .andExpect(content().string(containsString("Refund is on its way")))
                .andExpect(content().string(containsString("data-intent=\"billing\">Billing</span>")))
                .andExpect(content().string(containsString("class=\"sentiment")));

        mvc.perform(post("/workspace/tickets/{id}/resolve", ticketId).with(agent("billing_team")).with(csrf()))
                .andExpect(redirectedUrl("/workspace"));
        assertThat(tickets.get(ticketId).status()).isEqualTo(TicketStatus.RESOLVED);
    }

    @Test
    void formsWithoutTheCsrfTokenAreRefused() throws Exception {
        long ticketId = routedTicket("page-csrf", "invoice is wrong");

        mvc.perform(post("/workspace/tickets/{id}/claim", ticketId).with(agent("billing_team")))
                .andExpect(status().isForbidden());
        assertThat(tickets.get(ticketId).assignee()).isNull();
    }

    @Test
    void theTaskListSpeaksChinese() throws Exception {
        routedTicket("page-zh", "发票开错了");

        mvc.perform(get("/workspace").param("lang", "zh").with(agent("billing_team")))
                .andExpect(content().string(containsString("任务列表")))
                .andExpect(content().string(containsString("认领")));
    }

    @Test
    void theTicketPageShowsPublishedArticlesRelatedToTheFirstCustomerMessage() throws Exception {
        long related = publish("en", "Double charges on a card", "If a card was charged twice, the second charge is "
                + "refunded automatically within five days.");
        long draft = knowledge.create(new ArticleContent("en", "Charged twice draft", "charged twice card", List.of()),
                "sue").id();
        long ticketId = routedTicket("page-related", "My card was charged twice for one order");

        mvc.perform(get("/workspace/tickets/{id}", ticketId).with(agent("billing_team")))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Related articles")))
                .andExpect(content().string(containsString("data-article-id=\"" + related + "\"")))
                .andExpect(content().string(containsString("Double charges on a card")))
                .andExpect(content().string(not(containsString("data-article-id=\"" + draft + "\""))));
    }

    @Test
    void anUnknownTicketPageIsNotFound() throws Exception {
        mvc.perform(get("/workspace/tickets/{id}", 999999).with(agent("billing_team")))
                .andExpect(status().isNotFound());
    }

    private long routedTicket(String customer, String text) {
        return TestTickets.in(context).queued(customer, text, null);
    }

    private long publish(String language, String title, String body) {
        return TestArticles.published(knowledge, language, title, body);
    }

    private static RequestPostProcessor agent(String queue) {
        return SecurityMockMvcRequestPostProcessors.user("alice")
                .authorities(new SimpleGrantedAuthority("GROUP_" + queue), new SimpleGrantedAuthority("ROLE_AGENT"));
    }
}
