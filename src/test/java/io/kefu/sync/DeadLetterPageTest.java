package io.kefu.sync;

import java.util.List;
import java.util.stream.IntStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import io.kefu.customer.CustomerService;
import io.kefu.customer.CustomerTier;
import io.kefu.intake.InboundMessage;
import io.kefu.intake.IntakeService;
import io.kefu.testing.BackgroundWorkOff;
import io.kefu.testing.H2Database;
import io.kefu.testing.RecordingCrmServer;
import io.kefu.ticket.Channel;
import io.kefu.ticket.Priority;
import io.kefu.ticket.TicketService;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The dead letters page {@code /sync/dead-letters} on H2, with dead letters the relay made: a CRM on
 * loopback answering 500 and one attempt allowed, the relay driven pass by pass (its schedule is
 * off). The figures, the filters and the cursor's pages, the inspect view (escaped, pretty-printed
 * payload, the full error), replay one, a selection and all of a filter, discard after its confirm
 * step, each audited under the signed-in admin, and nobody but admins.
 */
@H2Database("dead-letter-page")
@BackgroundWorkOff
@SpringBootTest(properties = {"kefu.sync.erp.enabled=false", "kefu.sync.relay.max-attempts=1",
        "kefu.sync.breaker.enabled=false"})
@AutoConfigureMockMvc
class DeadLetterPageTest {

    static final RecordingCrmServer CRM = new RecordingCrmServer();

    @DynamicPropertySource
    static void crm(DynamicPropertyRegistry registry) {
        registry.add("kefu.sync.crm.url", CRM::url);
        // The ticket facts only: the page's dead letters are counted per ticket.
        registry.add("kefu.sync.crm.events", () -> "ticket.*");
    }

    @AfterAll
    static void stop() {
        CRM.close();
    }

    @Autowired
    MockMvc mvc;
    @Autowired
    OutboxRelay relay;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    IntakeService intake;
    @Autowired
    CustomerService customers;
    @Autowired
    TicketService tickets;
    @Autowired
    ObjectMapper json;

    private static int customer;

    @BeforeEach
    void emptyOutbox() {
        // Each test counts only its own dead letters: what earlier tests left is out of the way.
        jdbc.sql("UPDATE outbox_delivery SET status = 'DISCARDED' WHERE status IN ('DEAD', 'PENDING')").update();
        CRM.clear();
    }

    @Test
    void listsTheDeadLettersWithEachDestinationsFiguresAndFiltersByEventType() throws Exception {
        Letter changed = deliveredThenDeadPriorityChange();
        Letter opened = deadOpened();

        String page = mvc.perform(get("/sync/dead-letters?lang=en").with(admin())).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(page).contains("<h1>Dead letters</h1>", "data-destination=\"crm\"", "ticket.opened",
                "ticket.priority_changed", ticketLink(opened), ticketLink(changed), "Replay all 2");
        assertThat(page).as("each row's replay and the bulk replay submit the selection form elsewhere")
                .contains("formaction=\"/sync/dead-letters/" + opened.id() + "/replay\"",
                        "formaction=\"/sync/dead-letters/replay-all\"", "action=\"/sync/dead-letters/replay\"",
                        "href=\"/sync/dead-letters/" + opened.id() + "/discard\"", "name=\"_csrf\"");
        assertThat(figure(page, "dead")).as("crm's dead letters").isEqualTo("2");
        assertThat(figure(page, "pending")).as("nothing waits behind them").isEqualTo("0");

        String filtered = mvc.perform(get("/sync/dead-letters").param("destination", "crm")
                .param("type", "ticket.priority_changed").with(admin())).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(filtered).contains(ticketLink(changed), "Replay all 1 of this filter").doesNotContain(ticketLink(opened));

        mvc.perform(get("/sync/dead-letters").param("destination", "fax").with(admin()))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("Choose a destination from the list.")))
                .andExpect(content().string(not(containsString("data-dead-letter-id"))));
        mvc.perform(get("/sync/dead-letters").param("type", "<b>").with(admin()))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("An event type is a name such as ticket.routed.")));
        mvc.perform(get("/sync/dead-letters").param("cursor", "nonsense").with(admin()))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("This page link is no longer valid")));
    }

    @Test
    void pagesFollowTheApisCursor() throws Exception {
        int count = DeadLetterPageController.PAGE_SIZE + 2;
        List<Long> ticketIds = IntStream.range(0, count).mapToObj(i -> open("Invoice " + i + " is wrong")).toList();
        CRM.failNext(count);
        relayPass();
        assertThat(deadCount()).isEqualTo(count);

        String first = mvc.perform(get("/sync/dead-letters").param("destination", "crm").with(admin()))
                .andReturn().getResponse().getContentAsString();
        assertThat(first.split("data-dead-letter-id=", -1)).hasSize(DeadLetterPageController.PAGE_SIZE + 1);
        assertThat(first).contains("/workspace/tickets/" + ticketIds.get(0) + "\"").doesNotContain("First page");
        String next = first.replaceAll("(?s).*class=\"next\"\\s+href=\"([^\"]+)\".*", "$1").replace("&amp;", "&");
        assertThat(next).startsWith("/sync/dead-letters?").contains("destination=crm", "cursor=");

        String second = mvc.perform(get(next).with(admin())).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(second.split("data-dead-letter-id=", -1)).hasSize(3);
        assertThat(second).contains("/workspace/tickets/" + ticketIds.get(count - 1) + "\"", "First page")
                .doesNotContain("class=\"next\"").doesNotContain("/workspace/tickets/" + ticketIds.get(0) + "\"");
    }

    @Test
    void inspectShowsTheEscapedPrettyPayloadEveryFieldAndTheFullError() throws Exception {
        Letter letter = deadOpened();
        String error = "HttpOperationFailedException: <script>alert('crm')</script> " + "x".repeat(300) + " END";
        jdbc.sql("UPDATE outbox_delivery SET last_error = ? WHERE id = ?").params(error, letter.id()).update();

        String list = mvc.perform(get("/sync/dead-letters").with(admin())).andReturn().getResponse().getContentAsString();
        assertThat(list).as("shortened in the list").contains("&lt;script&gt;").doesNotContain("<script>alert")
                .doesNotContain(" END");

        String page = mvc.perform(get("/sync/dead-letters/{id}?lang=en", letter.id()).with(admin()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("<h1>Dead letter " + letter.id() + "</h1>",
                "&lt;script&gt;alert(&#39;crm&#39;)&lt;/script&gt;", "x".repeat(300) + " END", "ticket.opened",
                "its event (never replayed)", ticketLink(letter), ">" + letter.eventId() + "</dd>")
                .doesNotContain("<script>alert");
        String payload = page.replaceAll("(?s).*<pre class=\"payload\">(.*?)</pre>.*", "$1").replace("&quot;", "\"");
        assertThat(payload).as("indented JSON").contains("\n  \"id\" : " + letter.ticket() + ",");
        JsonNode stored = json.readTree(jdbc.sql("SELECT payload FROM outbox_event WHERE id = ?").param(letter.eventId())
                .query(String.class).single());
        assertThat(json.readTree(payload)).as("the whole payload").isEqualTo(stored);

        mvc.perform(get("/sync/dead-letters/{id}", 987_654_321L).with(admin())).andExpect(status().isNotFound())
                .andExpect(content().string(containsString("There is no dead letter 987654321")));
    }

    @Test
    void replayingOneOrASelectionRedirectsWithAFlashIsAuditedAndDeliversOnce() throws Exception {
        Letter a = deadOpened();
        Letter b = deadOpened();
        Letter c = deadOpened();

        MvcResult one = mvc.perform(post("/sync/dead-letters/{id}/replay", a.id()).param("destination", "crm")
                        .with(admin()).with(csrf()))
                .andExpect(redirectedUrl("/sync/dead-letters?destination=crm"))
                .andExpect(flash().attribute("notice", "sync.dead-letters.flash.replayed-one")).andReturn();
        mvc.perform(get("/sync/dead-letters?destination=crm&lang=en").flashAttrs(one.getFlashMap()).with(admin()))
                .andExpect(content().string(containsString("Dead letter " + a.id() + " (event " + a.eventId()
                        + " of ticket " + a.ticket() + ") is pending again")));
        assertThat(deliveryStatus(a.id())).isEqualTo("PENDING");
        assertThat(audited("sync.dead-letter.replay", "delivery " + a.id())).isEqualTo(1);

        mvc.perform(post("/sync/dead-letters/replay").with(admin()).with(csrf()))
                .andExpect(redirectedUrl("/sync/dead-letters"))
                .andExpect(flash().attribute("error", "sync.dead-letters.error.none-chosen"));
        mvc.perform(post("/sync/dead-letters/replay").param("ids", String.valueOf(b.id()), "12x").with(admin()).with(csrf()))
                .andExpect(flash().attribute("error", "sync.dead-letters.error.ids"));
        assertThat(deadCount()).as("nothing replayed by the refused ones").isEqualTo(2);

        MvcResult chosen = mvc.perform(post("/sync/dead-letters/replay")
                        .param("ids", String.valueOf(b.id()), String.valueOf(c.id()), "999999999")
                        .with(admin()).with(csrf()))
                .andExpect(flash().attribute("notice", "sync.dead-letters.flash.replayed-some")).andReturn();
        mvc.perform(get("/sync/dead-letters?lang=zh").flashAttrs(chosen.getFlashMap()).with(admin()))
                .andExpect(content().string(containsString("2 条死信已重新待发送；所选中有 1 条已不是死信")))
                .andExpect(content().string(containsString("没有匹配的死信。")));
        assertThat(deadCount()).isZero();
        assertThat(audited("sync.dead-letter.replay", "all destinations",
                "2 replayed: deliveries " + List.of(b.id(), c.id()))).as("as the API's bulk replay").isEqualTo(1);

        relayPass();
        assertThat(CRM.accepted()).extracting(this::eventId).as("each replayed event once")
                .containsExactlyInAnyOrder(a.eventId(), b.eventId(), c.eventId());
        mvc.perform(post("/sync/dead-letters/{id}/replay", a.id()).with(admin()).with(csrf()))
                .andExpect(flash().attribute("error", "sync.dead-letters.error.gone"));
    }

    @Test
    void replayAllTakesTheFiltersDeadLettersOnly() throws Exception {
        Letter changed = deliveredThenDeadPriorityChange();
        Letter opened = deadOpened();

        mvc.perform(post("/sync/dead-letters/replay-all").param("destination", "crm")
                        .param("type", "ticket.priority_changed").with(admin()).with(csrf()))
                .andExpect(redirectedUrl("/sync/dead-letters?destination=crm&type=ticket.priority_changed"))
                .andExpect(flash().attribute("notice", "sync.dead-letters.flash.replayed"));
        assertThat(deliveryStatus(changed.id())).isEqualTo("PENDING");
        assertThat(deliveryStatus(opened.id())).isEqualTo("DEAD");
        assertThat(audited("sync.dead-letter.replay", "destination crm", "1 replayed: deliveries [" + changed.id() + "]"))
                .as("audited as the API's replay of those ids").isEqualTo(1);

        mvc.perform(post("/sync/dead-letters/replay-all").param("destination", "crm").with(admin()).with(csrf()))
                .andExpect(flash().attribute("notice", "sync.dead-letters.flash.replayed"));
        assertThat(deliveryStatus(opened.id())).isEqualTo("PENDING");
        assertThat(audited("sync.dead-letter.replay", "destination crm", "1 replayed: deliveries [" + opened.id() + "]"))
                .isEqualTo(1);
        mvc.perform(post("/sync/dead-letters/replay-all").with(admin()).with(csrf()))
                .andExpect(flash().attribute("error", "sync.dead-letters.error.nothing-replayed"));
        mvc.perform(post("/sync/dead-letters/replay-all").param("destination", "fax").with(admin()).with(csrf()))
                .andExpect(flash().attribute("error", "sync.dead-letters.error.destination"));
    }

    @Test
    void discardingAsksFirstThenDiscardsForGoodAndIsAudited() throws Exception {
        Letter letter = deadOpened();
        tickets.changePriority(letter.ticket(), Priority.URGENT, "test");

        mvc.perform(get("/sync/dead-letters/{id}/discard?lang=en", letter.id()).with(admin())).andExpect(status().isOk())
                .andExpect(content().string(containsString("Discard this dead letter for good?")))
                .andExpect(content().string(containsString("crm will never receive event " + letter.eventId())))
                .andExpect(content().string(containsString("action=\"/sync/dead-letters/" + letter.id() + "/discard\"")));
        assertThat(deliveryStatus(letter.id())).as("asking changes nothing").isEqualTo("DEAD");

        mvc.perform(post("/sync/dead-letters/{id}/discard", letter.id()).param("destination", "crm")
                        .with(admin()).with(csrf()))
                .andExpect(redirectedUrl("/sync/dead-letters?destination=crm"))
                .andExpect(flash().attribute("notice", "sync.dead-letters.flash.discarded"));
        assertThat(deliveryStatus(letter.id())).isEqualTo("DISCARDED");
        assertThat(audited("sync.dead-letter.discard", "delivery " + letter.id())).isEqualTo(1);

        relayPass();
        assertThat(CRM.accepted()).extracting(this::type).as("the ticket's later event goes on")
                .containsExactly("ticket.priority_changed");
        mvc.perform(post("/sync/dead-letters/{id}/discard", letter.id()).with(admin()).with(csrf()))
                .andExpect(flash().attribute("error", "sync.dead-letters.error.gone"));
        mvc.perform(get("/sync/dead-letters/{id}/discard", letter.id()).with(admin())).andExpect(status().isNotFound());
    }

    @Test
    void onlyAdminsReachThePageAndItsActions() throws Exception {
        long id = deadOpened().id();
        mvc.perform(get("/sync/dead-letters")).andExpect(status().is3xxRedirection())
                .andExpect(header().string("Location", containsString("/login")));
        for (String role : List.of("AGENT", "SUPERVISOR", "DESIGNER")) {
            RequestPostProcessor user = SecurityMockMvcRequestPostProcessors.user("mallory").roles(role);
            mvc.perform(get("/sync/dead-letters").with(user)).andExpect(status().isForbidden());
            mvc.perform(get("/sync/dead-letters/{id}", id).with(user)).andExpect(status().isForbidden());
            mvc.perform(post("/sync/dead-letters/{id}/replay", id).with(user).with(csrf())).andExpect(status().isForbidden());
            mvc.perform(post("/sync/dead-letters/{id}/discard", id).with(user).with(csrf())).andExpect(status().isForbidden());
            mvc.perform(post("/sync/dead-letters/replay-all").with(user).with(csrf())).andExpect(status().isForbidden());
        }
        // Without the CSRF token even an admin's form post is refused.
        mvc.perform(post("/sync/dead-letters/{id}/discard", id).with(admin())).andExpect(status().isForbidden());
        assertThat(deliveryStatus(id)).isEqualTo("DEAD");
        mvc.perform(get("/workspace").with(admin()))
                .andExpect(content().string(containsString("href=\"/sync/dead-letters\"")));
        mvc.perform(get("/knowledge").with(SecurityMockMvcRequestPostProcessors.user("sam").roles("SUPERVISOR")))
                .andExpect(content().string(not(containsString("href=\"/sync/dead-letters\""))));
    }

    /** A dead letter of these tests: its ticket, its delivery's id and its event's. */
    record Letter(long ticket, long id, long eventId) {
    }

    /** A ticket whose ticket.opened delivery the CRM refused: a dead letter after the one attempt allowed. */
    private Letter deadOpened() {
        long ticket = open("Please change my invoice address");
        CRM.failNext(1);
        relayPass();
        return deadLetterOf(ticket);
    }

    /** A ticket whose ticket.opened the CRM took, and whose later priority change it refused. */
    private Letter deliveredThenDeadPriorityChange() {
        long ticket = open("Invoice missing for March");
        relayPass();
        tickets.changePriority(ticket, Priority.HIGH, "test");
        CRM.failNext(1);
        relayPass();
        return deadLetterOf(ticket);
    }

    private long open(String text) {
        String externalId = "dead-letter-page-" + (++customer);
        customers.register(externalId, "Customer " + customer, CustomerTier.STANDARD);
        return intake.receive(new InboundMessage(Channel.APP, externalId, text, null)).ticketId();
    }

    private void relayPass() {
        while (relay.relayDue() > 0) {
            // until nothing more is due
        }
    }

    private Letter deadLetterOf(long ticket) {
        return jdbc.sql("SELECT id, event_id FROM outbox_delivery WHERE aggregate_id = ? AND status = 'DEAD'")
                .param(ticket).query((rs, n) -> new Letter(ticket, rs.getLong("id"), rs.getLong("event_id"))).single();
    }

    private static String ticketLink(Letter letter) {
        return "href=\"/workspace/tickets/" + letter.ticket() + "\"";
    }

    private String deliveryStatus(long delivery) {
        return jdbc.sql("SELECT status FROM outbox_delivery WHERE id = ?").param(delivery).query(String.class).single();
    }

    private int deadCount() {
        return jdbc.sql("SELECT COUNT(*) FROM outbox_delivery WHERE status = 'DEAD'").query(Integer.class).single();
    }

    private int audited(String action, String target) {
        return jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE actor = 'ada' AND action = ? AND target = ?")
                .params(action, target).query(Integer.class).single();
    }

    private int audited(String action, String target, String detail) {
        return jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE actor = 'ada' AND action = ? AND target = ? AND detail = ?")
                .params(action, target, detail).query(Integer.class).single();
    }

    /** A number of crm's row in the figures table. */
    private static String figure(String page, String column) {
        return page.replaceAll("(?s).*<tr data-destination=\"crm\">.*?<td class=\"" + column
                + "[^\"]*\">(\\d+)</td>.*", "$1");
    }

    private long eventId(RecordingCrmServer.Received received) {
        try {
            return json.readTree(received.body()).path("eventId").asLong(-1);
        } catch (Exception e) {
            return -1;
        }
    }

    private String type(RecordingCrmServer.Received received) {
        try {
            return json.readTree(received.body()).path("type").asText("unreadable");
        } catch (Exception e) {
            return "unreadable";
        }
    }

    private static RequestPostProcessor admin() {
        return SecurityMockMvcRequestPostProcessors.user("ada").roles("ADMIN");
    }
}
