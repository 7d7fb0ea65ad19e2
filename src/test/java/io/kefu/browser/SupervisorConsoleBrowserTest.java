package io.kefu.browser;

import java.time.Duration;
import java.util.List;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import io.kefu.agent.AgentService;
import io.kefu.agent.AgentUpdate;
import io.kefu.customer.CustomerService;
import io.kefu.customer.CustomerTier;
import io.kefu.intake.InboundMessage;
import io.kefu.intake.IntakeService;
import io.kefu.testing.H2Database;
import io.kefu.ticket.Channel;
import io.kefu.ticket.TicketService;
import io.kefu.ticket.TicketStatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A supervisor in real headless Chromium on {@code /supervisor}: sees a queue's waiting count rise
 * while the page is open when a customer writes in, reassigns that ticket to another queue and to
 * an agent, and changes an agent's capacity and skills; then reads the console in Chinese. Runs
 * where Debian's chromium and chromedriver are installed; under {@code CI=true} they must be.
 */
@EnabledIf("io.kefu.browser.BrowserSession#wanted")
@H2Database("browser")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SupervisorConsoleBrowserTest {

    private static final String AGENT = "console-agent";

    @RegisterExtension
    final BrowserSession chromium = new BrowserSession("1440,1000");

    @Autowired
    CustomerService customers;
    @Autowired
    IntakeService intake;
    @Autowired
    TicketService tickets;
    @Autowired
    AgentService agents;
    @Autowired
    IdentityService identity;

    @BeforeEach
    void anAgentWorksTheGeneralQueue() {
        if (identity.createUserQuery().userId(AGENT).count() == 0) {
            User user = identity.newUser(AGENT);
            user.setFirstName("Console");
            user.setLastName("Agent");
            user.setEmail(AGENT + "@localhost");
            user.setPassword("console-agent-password");
            identity.saveUser(user);
            identity.createMembership(AGENT, "agents");
            identity.createMembership(AGENT, "general_support");
        }
        agents.update(AGENT, new AgentUpdate(List.of("billing"), List.of("zh"), new AgentUpdate.Capacity(3, 5), null));
    }

    @Test
    void supervisorSeesTheWaitingCountRiseLiveAndReassignsTheNewTicket() {
        WebDriver browser = chromium.driver();
        WebDriverWait wait = BrowserSession.waitOn(browser, Duration.ofSeconds(30));
        browser.get(chromium.url("/supervisor?lang=en"));
        chromium.signIn("demo", "demo");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("main[data-live-connected=true]")));
        By billingWaiting = By.cssSelector(".live-queues tr[data-queue=billing_team] td.waiting");
        int before = Integer.parseInt(browser.findElement(billingWaiting).getText());

        customers.register("console-1", "Qian Yu", CustomerTier.VIP);
        long ticketId = intake.receive(new InboundMessage(Channel.WECHAT, "console-1", "发票金额错了，请帮我退款", null))
                .ticketId();
        await().atMost(Duration.ofSeconds(30)).until(() -> tickets.get(ticketId).status() == TicketStatus.QUEUED);
        assertThat(tickets.get(ticketId).queue()).isEqualTo("billing_team");

        // No reload: the page's live connection swaps in the new counts.
        wait.until(ExpectedConditions.textToBe(billingWaiting, String.valueOf(before + 1)));
        By row = By.cssSelector("form.reassign tr[data-ticket-id='" + ticketId + "']");
        wait.until(ExpectedConditions.presenceOfElementLocated(row));
        assertThat(browser.findElement(row).getText()).contains("#" + ticketId, "billing_team", "console-1", "unassigned");
        assertThat(browser.findElement(By.cssSelector(".live-agents tr[data-user-id=" + AGENT + "]")).getText())
                .contains("Offline", "general_support", "chat 0/3 · e-mail 0/5");
        chromium.screenshot("supervisor-console");

        // Reassign it to the general queue, for the agent who works it.
        wait.until(d -> {
            WebElement box = d.findElement(row).findElement(By.cssSelector("input[name=ticket]"));
            if (!box.isSelected()) {
                box.click();
            }
            return box.isSelected();
        });
        new Select(browser.findElement(By.cssSelector("select.to-queue"))).selectByValue("general_support");
        new Select(browser.findElement(By.cssSelector("select.to-agent"))).selectByValue(AGENT);
        browser.findElement(By.cssSelector("input.note")).sendKeys("billing is short-staffed today");
        browser.findElement(By.cssSelector("button.reassign")).click();

        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("main .flash.notice"),
                "1 ticket was reassigned."));
        assertThat(tickets.get(ticketId).queue()).isEqualTo("general_support");
        assertThat(tickets.get(ticketId).assignee()).isEqualTo(AGENT);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(row, AGENT));
        wait.until(ExpectedConditions.textToBe(billingWaiting, String.valueOf(before)));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(
                By.cssSelector(".live-agents tr[data-user-id=" + AGENT + "] td.load"), "chat 1/3"));
        assertThat(chromium.policyViolations()).as("no page's own script or style is blocked").isEmpty();
    }

    @Test
    void supervisorChangesAnAgentsCapacityAndSkillsAndReadsTheConsoleInChinese() {
        WebDriver browser = chromium.driver();
        WebDriverWait wait = BrowserSession.waitOn(browser, Duration.ofSeconds(30));
        browser.get(chromium.url("/supervisor?lang=zh"));
        chromium.signIn("demo", "demo");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("main[data-live-connected=true]")));

        submitProfile(browser, "billing, tech.senior", "6");

        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".flash.notice"), "坐席资料已保存"));
        assertThat(agents.get(AGENT).capacity().chat()).isEqualTo(6);
        assertThat(agents.get(AGENT).skills()).containsExactly("billing", "tech.senior");
        assertThat(agents.get(AGENT).languages()).containsExactly("zh");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("主管控制台");
        assertThat(browser.findElement(By.cssSelector(".live-agents tr[data-user-id=" + AGENT + "] td.load")).getText())
                .contains("/6");

        // A bad skill is refused with the reason, and nothing is stored.
        // Submitted again when a live re-render swallowed the click (the row was swapped as it was clicked).
        for (int attempt = 1; ; attempt++) {
            submitProfile(browser, "-bad", null);
            try {
                BrowserSession.waitOn(browser, Duration.ofSeconds(10)).until(ExpectedConditions.textToBePresentInElementLocated(
                        By.cssSelector("main .flash.error"), AGENT));
                break;
            } catch (org.openqa.selenium.TimeoutException swallowed) {
                if (attempt == 3) {
                    throw swallowed;
                }
            }
        }
        assertThat(agents.get(AGENT).skills()).containsExactly("billing", "tech.senior");

        browser.get(chromium.url("/supervisor?lang=zh"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("main[data-live-connected=true]")));
        chromium.screenshot("supervisor-console-zh");
        assertThat(chromium.policyViolations()).as("no page's own script or style is blocked").isEmpty();
    }

    /**
     * Fills the agent's profile form and submits it in one step: the console's live updates
     * re-render the agents' rows, and a row swapped in between typing and clicking would submit the
     * values it was rendered with.
     */
    private void submitProfile(WebDriver browser, String skills, String chat) {
        BrowserSession.waitOn(browser, Duration.ofSeconds(30)).until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector(".live-agents tr[data-user-id=" + AGENT + "] form.agent-profile")));
        ((org.openqa.selenium.JavascriptExecutor) browser).executeScript("""
                var form = document.querySelector('.live-agents tr[data-user-id="' + arguments[0] + '"] form.agent-profile');
                form.querySelector('input.skills').value = arguments[1];
                if (arguments[2] !== null) { form.querySelector('input.chat').value = arguments[2]; }
                form.querySelector('button').click();""", AGENT, skills, chat);
    }
}
