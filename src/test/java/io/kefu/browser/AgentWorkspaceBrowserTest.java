package io.kefu.browser;

import java.io.IOException;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import io.kefu.agent.AgentPresence;
import io.kefu.agent.AgentService;
import io.kefu.customer.CustomerService;
import io.kefu.customer.CustomerTier;
import io.kefu.intake.InboundMessage;
import io.kefu.intake.IntakeService;
import io.kefu.sla.EscalationReason;
import io.kefu.sla.Escalations;
import io.kefu.testing.H2Database;
import io.kefu.ticket.Channel;
import io.kefu.ticket.TicketService;
import io.kefu.ticket.TicketStatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An agent in real headless Chromium: signs in, finds the ticket in their queue, claims it,
 * replies and resolves it; then reads the task list in Chinese. Runs where Debian's chromium and
 * chromedriver are installed; under {@code CI=true} (where .ci/run installs them) they must be.
 */
@EnabledIf("io.kefu.browser.BrowserSession#wanted")
@H2Database("browser")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AgentWorkspaceBrowserTest {

    @RegisterExtension
    static final BrowserSession chromium = new BrowserSession("1280,900");

    @Autowired
    CustomerService customers;
    @Autowired
    IntakeService intake;
    @Autowired
    TicketService tickets;
    @Autowired
    AgentService agents;
    @Autowired
    Escalations escalations;

    @Test
    void aSupervisorSeesATicketEscalatedToTheirLevelArriveOnTheTaskList() throws IOException {
        WebDriver browser = chromium.driver();
        customers.register("browser-escalated", "Zhao Min", CustomerTier.VIP);
        long ticketId = intake.receive(new InboundMessage(Channel.WEB, "browser-escalated", "我要投诉，三天没人回复", null))
                .ticketId();
        await().atMost(Duration.ofSeconds(30)).until(() -> tickets.get(ticketId).status() == TicketStatus.QUEUED);
        WebDriverWait wait = BrowserSession.waitOn(browser, Duration.ofSeconds(30));
        browser.get(chromium.url("/workspace?lang=zh"));
        if (browser.getCurrentUrl().contains("/login")) {
            chromium.signIn("demo", "demo");
        }
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("main[data-live-connected=true]")));

        By notice = By.cssSelector("aside.escalations li[data-ticket-id='" + ticketId + "']");
        // The page subscribes right after connecting: climb until the notice arrives (the page shows it once).
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            escalations.escalate(ticketId, 1, null, EscalationReason.RULES);
            return !browser.findElements(notice).isEmpty();
        });
        assertThat(browser.findElement(By.cssSelector("aside.escalations")).isDisplayed()).isTrue();
        assertThat(browser.findElement(notice).getText()).contains("#" + ticketId, "级别 1", "team-lead", "规则要求立即升级");
        assertThat(browser.findElements(notice)).as("shown once however often it was pushed").hasSize(1);
        assertThat(browser.findElement(notice).findElement(By.tagName("a")).getAttribute("href"))
                .endsWith("/workspace/tickets/" + ticketId);
        chromium.screenshot("workspace-escalation-zh");
        // The class shares one browser; the other tests start signed out.
        browser.manage().deleteAllCookies();
    }

    @Test
    void agentClaimsRepliesAndResolvesATicketInTheBrowser() throws IOException {
        WebDriver browser = chromium.driver();
        customers.register("browser-1", "Sun Li", CustomerTier.VIP);
        long ticketId = intake.receive(new InboundMessage(Channel.WECHAT, "browser-1", "发票金额错了，请帮我退款", null))
                .ticketId();
        await().atMost(Duration.ofSeconds(15)).until(() -> tickets.get(ticketId).status() == TicketStatus.QUEUED);
        WebDriverWait wait = BrowserSession.waitOn(browser, Duration.ofSeconds(15));

        browser.get(chromium.url("/workspace"));
        wait.until(ExpectedConditions.urlContains("/login"));
        chromium.screenshot("login");
        assertThat(chromium.policyViolations()).isEmpty();
        ((JavascriptExecutor) browser).executeScript("var s = document.createElement('script');"
                + " s.textContent = 'window.kefuInjected = true'; document.head.appendChild(s);");
        assertThat(((JavascriptExecutor) browser).executeScript("return window.kefuInjected === true"))
                .as("the Content-Security-Policy stops an injected inline script").isEqualTo(false);
        assertThat(chromium.policyViolations()).as("and Chromium reports it").isNotEmpty();
        chromium.signIn("demo", "demo");

        By row = By.cssSelector("section[data-queue=billing_team] tr[data-ticket-id='" + ticketId + "']");
        wait.until(ExpectedConditions.visibilityOfElementLocated(row));
        assertThat(browser.findElement(row).getText()).contains("发票金额错了", "High");
        chromium.screenshot("workspace-tasks");

        browser.findElement(row).findElement(By.cssSelector("button.claim")).click();
        wait.until(ExpectedConditions.urlContains("/workspace/tickets/" + ticketId));
        assertThat(browser.findElement(By.cssSelector(".flash.notice")).getText()).contains("claimed");
        assertThat(tickets.get(ticketId).assignee()).isEqualTo("demo");
        assertThat(browser.findElement(By.cssSelector(".routing-why .routing-explanation")).getText())
                .as("the page says why the ticket went where it went")
                .startsWith("Queue billing_team, because billing questions go to the billing team.")
                .contains("Priority HIGH, because VIP customers get high priority.");
        browser.findElement(By.cssSelector(".routing-why summary")).click();
        assertThat(browser.findElements(By.cssSelector(".routing-why ul.routing-rules li")))
                .extracting(WebElement::getText).contains("Billing questions go to the billing team");
        chromium.screenshot("workspace-ticket-routing");

        browser.findElement(By.name("text")).sendKeys("已为您安排退款 / refund arranged");
        browser.findElement(By.cssSelector("button.reply")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("ol.transcript"), "refund arranged"));
        chromium.screenshot("workspace-ticket");

        browser.findElement(By.cssSelector("button.resolve")).click();
        wait.until(ExpectedConditions.urlMatches(".*/workspace/?$"));
        assertThat(browser.findElements(row)).isEmpty();
        assertThat(tickets.get(ticketId).status()).isEqualTo(TicketStatus.RESOLVED);

        browser.get(chromium.url("/workspace?lang=zh"));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("任务列表");
        assertThat(chromium.policyViolations()).as("no page's own script or style is blocked").isEmpty();
    }

    @Test
    void agentSetsTheirPresenceWithTheTaskListsStatusControl() throws IOException {
        WebDriver browser = chromium.driver();
        WebDriverWait wait = BrowserSession.waitOn(browser, Duration.ofSeconds(15));
        browser.get(chromium.url("/workspace"));
        wait.until(ExpectedConditions.urlContains("/login"));
        chromium.signIn("demo", "demo");
        try {
            By control = By.cssSelector("form.presence");
            wait.until(ExpectedConditions.visibilityOfElementLocated(control));
            // Offline until they go online; found afresh on every poll, as the page may still be
            // replaced right after signing in.
            wait.until(ExpectedConditions.attributeToBe(control, "data-presence", "OFFLINE"));

            wait.until(d -> {
                new Select(d.findElement(By.id("presence-status"))).selectByValue("AWAY");
                d.findElement(control).findElement(By.cssSelector("button")).click();
                return true;
            });

            wait.until(ExpectedConditions.attributeToBe(control, "data-presence", "AWAY"));
            assertThat(browser.findElement(By.cssSelector(".flash.notice")).getText()).contains("status");
            assertThat(agents.get("demo").presence()).isEqualTo(AgentPresence.AWAY);
            assertThat(browser.findElement(control).getText()).containsPattern("chat \\d+/3 · e-mail \\d+/5");
            chromium.screenshot("workspace-presence");
            assertThat(chromium.policyViolations()).isEmpty();
        } finally {
            agents.setPresence("demo", "OFFLINE");
            browser.manage().deleteAllCookies();
        }
    }
}
