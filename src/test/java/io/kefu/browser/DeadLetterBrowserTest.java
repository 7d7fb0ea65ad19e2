package io.kefu.browser;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.kefu.customer.CustomerService;
import io.kefu.customer.CustomerTier;
import io.kefu.intake.InboundMessage;
import io.kefu.intake.IntakeService;
import io.kefu.testing.H2Database;
import io.kefu.testing.RecordingCrmServer;
import io.kefu.ticket.Channel;
import io.kefu.ticket.TicketService;
import io.kefu.ticket.TicketStatus;
import io.kefu.ticket.Topic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An admin in real headless Chromium on {@code /sync/dead-letters}, with real dead letters: a CRM on
 * loopback answers 500 until three tickets' first events are dead after four attempts, their later
 * events waiting behind them; then it answers 200. The admin reads the figures, inspects one (its
 * payload and error), replays two of them chosen by their checkboxes and discards the third after
 * the confirm step; the CRM then receives every event of the two replayed tickets once and in order,
 * and of the third every event but the discarded one. In English and Chinese; screenshots land in
 * {@code target/screenshots/}. Same conditions as {@link AgentWorkspaceBrowserTest}.
 */
@EnabledIf("io.kefu.browser.BrowserSession#wanted")
@H2Database("dead-letter-browser")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DeadLetterBrowserTest {

    static final int MAX_ATTEMPTS = 4;
    static final RecordingCrmServer CRM = new RecordingCrmServer();

    @DynamicPropertySource
    static void relayAndCrm(DynamicPropertyRegistry registry) {
        registry.add("kefu.sync.crm.url", CRM::url);
        // The ticket facts only: the CRM's deliveries are counted per ticket.
        registry.add("kefu.sync.crm.events", () -> "ticket.*");
        registry.add("kefu.sync.erp.enabled", () -> "false");
        registry.add("kefu.sync.relay.poll-interval", () -> "PT0.1S");
        registry.add("kefu.sync.relay.first-retry", () -> "PT0.2S");
        registry.add("kefu.sync.relay.max-retry", () -> "PT0.4S");
        registry.add("kefu.sync.relay.max-attempts", () -> Integer.toString(MAX_ATTEMPTS));
        registry.add("kefu.sync.breaker.open-for", () -> "PT0.3S");
        // No soothing message while the test runs: the tickets' events are the ones it writes.
        registry.add("kefu.lifecycle.soothe.after", () -> "PT1H");
    }

    @AfterAll
    static void stop() {
        CRM.close();
    }

    @RegisterExtension
    static final BrowserSession chromium = new BrowserSession("1440,1250");

    @Autowired
    CustomerService customers;
    @Autowired
    IntakeService intake;
    @Autowired
    TicketService tickets;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    ObjectMapper json;

    @Test
    void adminInspectsReplaysASelectionAndDiscardsADeadLetterAndTheCrmGetsEachEventOnce() {
        CRM.failNext(1_000_000);
        long first = open("c1", "Please change my invoice address", Topic.BILLING);
        long second = open("c2", "我的账号登录不了", null);
        long third = open("c3", "Invoice missing for March", Topic.BILLING);
        List<Long> ticketIds = List.of(first, second, third);
        // Each ticket's first event dies after its attempts; its routing waits behind it, never attempted.
        await().atMost(Duration.ofSeconds(60)).until(() -> ticketIds.stream().allMatch(t -> dead(t) == 1
                && tickets.get(t).status() == TicketStatus.QUEUED));
        assertThat(ticketIds).allSatisfy(t -> assertThat(crmEvents(t)).as("ticket %s: opened and routed", t).hasSizeGreaterThan(1));
        Map<Long, Long> letters = ticketIds.stream().collect(Collectors.toMap(Function.identity(), this::deadLetterOf));
        CRM.clear();

        WebDriver browser = chromium.driver();
        WebDriverWait wait = BrowserSession.waitOn(browser, Duration.ofSeconds(20));
        browser.get(chromium.url("/sync/dead-letters"));
        chromium.signIn("demo", "demo");
        browser.get(chromium.url("/sync/dead-letters?lang=en"));
        By rows = By.cssSelector("table.letters tbody tr");
        wait.until(ExpectedConditions.numberOfElementsToBe(rows, 3));
        WebElement crm = browser.findElement(By.cssSelector("table.figures tr[data-destination=crm]"));
        assertThat(crm.findElement(By.cssSelector("td.dead")).getText()).isEqualTo("3");
        assertThat(Integer.parseInt(crm.findElement(By.cssSelector("td.pending")).getText()))
                .as("the tickets' later events, held back").isGreaterThanOrEqualTo(3);
        WebElement firstRow = row(browser, letters.get(first));
        assertThat(firstRow.getText()).contains("crm", "ticket.opened", "#" + first, String.valueOf(MAX_ATTEMPTS), "500");
        assertThat(firstRow.findElement(By.cssSelector("a.ticket")).getAttribute("href"))
                .endsWith("/workspace/tickets/" + first);
        chromium.screenshot("dead-letters");

        firstRow.findElement(By.cssSelector("a.inspect")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("pre.payload")));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Dead letter " + letters.get(first));
        String payload = browser.findElement(By.cssSelector("pre.payload")).getText();
        assertThat(payload).as("the ticket as opened, indented").contains("\n  \"id\" : " + first + ",",
                "\n  \"status\" : \"NEW\",", "\"customerExternalId\" : \"dead-letter-browser-c1\"");
        assertThat(browser.findElement(By.cssSelector("pre.last-error")).getText()).contains("statusCode: 500");
        assertThat(browser.findElement(By.cssSelector("dl.dead-letter-facts")).getText())
                .contains("ticket.opened", String.valueOf(eventOf(letters.get(first))), "its event (never replayed)");
        chromium.screenshot("dead-letter-inspect");

        browser.get(chromium.url("/sync/dead-letters?lang=zh"));
        wait.until(ExpectedConditions.numberOfElementsToBe(rows, 3));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("死信");
        assertThat(browser.findElement(By.cssSelector("button.replay-selected")).getText()).isEqualTo("重放所选");
        chromium.screenshot("dead-letters-zh");
        browser.get(chromium.url("/sync/dead-letters/" + letters.get(first)));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("pre.payload")));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("死信 " + letters.get(first));
        chromium.screenshot("dead-letter-inspect-zh");
        browser.get(chromium.url("/sync/dead-letters?lang=en"));

        wait.until(ExpectedConditions.numberOfElementsToBe(rows, 3));
        row(browser, letters.get(first)).findElement(By.name("ids")).click();
        row(browser, letters.get(second)).findElement(By.name("ids")).click();
        browser.findElement(By.cssSelector("button.replay-selected")).click();
        WebElement notice = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".flash.notice")));
        assertThat(notice.getText()).isEqualTo("2 dead letters are pending again and are sent at once.");
        await().atMost(Duration.ofSeconds(30)).until(() -> accepted(first).size() == crmEvents(first).size()
                && accepted(second).size() == crmEvents(second).size());
        for (long ticket : List.of(first, second)) {
            assertThat(accepted(ticket)).as("ticket %s: every event once, in order, the replayed one first", ticket)
                    .containsExactlyElementsOf(crmEvents(ticket)).startsWith(eventOf(letters.get(ticket)));
        }
        assertThat(accepted(third)).as("still held back by its dead letter").isEmpty();

        browser.get(chromium.url("/sync/dead-letters"));
        wait.until(ExpectedConditions.numberOfElementsToBe(rows, 1));
        row(browser, letters.get(third)).findElement(By.cssSelector("a.discard")).click();
        WebElement confirm = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".confirm-discard")));
        assertThat(confirm.getText()).contains("Discard this dead letter for good?",
                "crm will never receive event " + eventOf(letters.get(third)));
        assertThat(dead(third)).as("asking discards nothing").isEqualTo(1);
        chromium.screenshot("dead-letter-discard");
        confirm.findElement(By.cssSelector("button.discard-confirm")).click();
        notice = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".flash.notice")));
        assertThat(notice.getText()).isEqualTo("Dead letter " + letters.get(third)
                + " is discarded; its ticket's later events go on.");
        assertThat(browser.findElement(By.cssSelector("p.empty")).getText()).isEqualTo("No dead letters match.");
        assertThat(browser.findElement(By.cssSelector("table.figures tr[data-destination=crm] td.dead")).getText())
                .isEqualTo("0");

        List<Long> later = crmEvents(third).subList(1, crmEvents(third).size());
        await().atMost(Duration.ofSeconds(30)).until(() -> accepted(third).size() == later.size());
        assertThat(accepted(third)).as("the ticket's later events once each, never the discarded one")
                .containsExactlyElementsOf(later);
        assertThat(CRM.accepted()).extracting(this::eventId).doesNotHaveDuplicates();
        assertThat(audited("sync.dead-letter.replay", "all destinations")).isEqualTo(1);
        assertThat(audited("sync.dead-letter.discard", "delivery " + letters.get(third))).isEqualTo(1);
        assertThat(chromium.policyViolations()).isEmpty();
    }

    private static WebElement row(WebDriver browser, long deadLetter) {
        return browser.findElement(By.cssSelector("table.letters tr[data-dead-letter-id='" + deadLetter + "']"));
    }

    private long open(String customer, String text, Topic topic) {
        String externalId = "dead-letter-browser-" + customer;
        customers.register(externalId, "Customer " + customer, CustomerTier.STANDARD);
        return intake.receive(new InboundMessage(Channel.APP, externalId, text, topic)).ticketId();
    }

    private int dead(long ticket) {
        return jdbc.sql("SELECT COUNT(*) FROM outbox_delivery WHERE aggregate_id = ? AND destination = 'crm' AND status = 'DEAD'")
                .param(ticket).query(Integer.class).single();
    }

    private long deadLetterOf(long ticket) {
        return jdbc.sql("SELECT id FROM outbox_delivery WHERE aggregate_id = ? AND destination = 'crm' AND status = 'DEAD'")
                .param(ticket).query(Long.class).single();
    }

    private long eventOf(long deadLetter) {
        return jdbc.sql("SELECT event_id FROM outbox_delivery WHERE id = ?").param(deadLetter).query(Long.class).single();
    }

    /** The ticket's events with a crm delivery, in event order. */
    private List<Long> crmEvents(long ticket) {
        return jdbc.sql("SELECT event_id FROM outbox_delivery WHERE aggregate_id = ? AND destination = 'crm' ORDER BY event_id")
                .param(ticket).query(Long.class).list();
    }

    /** The event ids of the ticket the CRM took (answered 200), in the order it received them. */
    private List<Long> accepted(long ticket) {
        return CRM.accepted().stream().map(this::read).filter(body -> body.path("ticket").path("id").asLong() == ticket)
                .map(body -> body.path("eventId").asLong()).toList();
    }

    private long eventId(RecordingCrmServer.Received received) {
        return read(received).path("eventId").asLong(-1);
    }

    private JsonNode read(RecordingCrmServer.Received received) {
        try {
            return json.readTree(received.body());
        } catch (Exception e) {
            return json.createObjectNode();
        }
    }

    private int audited(String action, String target) {
        return jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE actor = 'demo' AND action = ? AND target = ?")
                .params(action, target).query(Integer.class).single();
    }
}
