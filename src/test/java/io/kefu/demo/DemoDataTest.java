package io.kefu.demo;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import io.kefu.agent.AgentService;
import io.kefu.customer.CustomerService;
import io.kefu.customer.CustomerTier;
import io.kefu.knowledge.KnowledgeService;
import io.kefu.ticket.TicketAccess;
import io.kefu.ticket.TicketQuery;
import io.kefu.ticket.TicketView;
import io.kefu.ticket.TicketService;
import io.kefu.ticket.TicketStatus;
import io.kefu.testing.H2Database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The embedded default's first start with {@code KEFU_DEMO_DATA} on: published articles in both
 * languages, an agent in each queue with skills, customers of both tiers whose messages became
 * tickets through intake (the bot answers the ones the articles cover, the rest wait in their
 * routed queue), and a second run that adds nothing.
 */
@H2Database("demo-data")
@SpringBootTest(properties = "kefu.demo-data.enabled=true")
class DemoDataTest {

    @Autowired
    DemoData demo;
    @Autowired
    KnowledgeService knowledge;
    @Autowired
    IdentityService identity;
    @Autowired
    AgentService agents;
    @Autowired
    CustomerService customers;
    @Autowired
    TicketService tickets;

    @Test
    void aFirstStartShowsALivingContactCentreAndASecondAddsNothing() {
        assertThat(knowledge.list("PUBLISHED", "zh", null, 0, 20).total()).isGreaterThanOrEqualTo(3);
        assertThat(knowledge.list("PUBLISHED", "en", null, 0, 20).total()).isGreaterThanOrEqualTo(3);
        for (DemoData.DemoAgent agent : DemoData.AGENTS) {
            assertThat(identity.createUserQuery().userId(agent.id()).memberOfGroup(agent.queue()).count()).isEqualTo(1);
            assertThat(identity.checkPassword(agent.id(), "demo")).isTrue();
            assertThat(agents.get(agent.id()).skills()).containsExactlyElementsOf(agent.skills());
        }
        assertThat(customers.findByExternalId(DemoData.MARKER)).get().extracting(c -> c.tier()).isEqualTo(CustomerTier.VIP);

        List<String> externalIds = DemoData.CUSTOMERS.stream().map(DemoData.DemoCustomer::externalId).toList();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            var open = externalIds.stream().map(id -> customerTickets(id)).toList();
            assertThat(open).allSatisfy(list -> assertThat(list).hasSize(1));
        });
        // The bot answers a question an article covers (a password reset); a crashing app waits for an agent.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(customerTickets("demo-tom-baker").get(0).status()).isEqualTo(TicketStatus.BOT_ANSWERED);
            assertThat(customerTickets("demo-sarah-lee").get(0))
                    .satisfies(t -> assertThat(t.status()).as(t.toString()).isIn(TicketStatus.QUEUED, TicketStatus.ASSIGNED))
                    .satisfies(t -> assertThat(t.queue()).as(t.toString()).isNotNull());
        });

        long articles = knowledge.list("ANY", null, null, 0, 100).total();
        assertThat(demo.createOnce()).isFalse();
        assertThat(knowledge.list("ANY", null, null, 0, 100).total()).isEqualTo(articles);
    }

    private List<TicketView> customerTickets(String externalId) {
        return tickets.list(TicketQuery.parse(Map.of("customer", externalId)), TicketAccess.everyTicket("test")).items();
    }
}
