package io.kefu.browser;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

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
 * An agent in real headless Chromium: signs in, finds the ticket in their queue, claims it,
 * replies and resolves it; then reads the task list in Chinese. Runs where Debian's chromium and
 * chromedriver are installed; under {@code CI=true} (where .ci/run installs them) they must be.
 */
@EnabledIf("io.kefu.browser.AgentWorkspaceBrowserTest#browserWanted")
@H2Database("browser")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AgentWorkspaceBrowserTest {

    static WebDriver browser;
    static Path profile;

    @LocalServerPort
    int port;
    @Autowired
    CustomerService customers;
    @Autowired
    IntakeService intake;
    @Autowired
    TicketService tickets;

    static boolean browserWanted() {
        return "true".equalsIgnoreCase(System.getenv("CI")) || Files.isExecutable(Chromium.DRIVER);
    }

    @BeforeAll
    static void startBrowser() throws IOException {
        profile = Files.createTempDirectory("kefu-chromium-");
        browser = Chromium.start(profile, "1280,900");
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void agentClaimsRepliesAndResolvesATicketInTheBrowser() throws IOException {
        customers.register("browser-1", "Sun Li", CustomerTier.VIP);
        long ticketId = intake.receive(new InboundMessage(Channel.WECHAT, "browser-1", "发票金额错了，请帮我退款", null))
                .ticketId();
        await().atMost(Duration.ofSeconds(15)).until(() -> tickets.get(ticketId).status() == TicketStatus.QUEUED);
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(15));

        browser.get(url("/workspace"));
        wait.until(ExpectedConditions.urlContains("/login"));
        screenshot("login");
        assertThat(policyViolations(browser)).isEmpty();
        ((JavascriptExecutor) browser).executeScript("var s = document.createElement('script');"
                + " s.textContent = 'window.kefuInjected = true'; document.head.appendChild(s);");
        assertThat(((JavascriptExecutor) browser).executeScript("return window.kefuInjected === true"))
                .as("the Content-Security-Policy stops an injected inline script").isEqualTo(false);
        assertThat(policyViolations(browser)).as("and Chromium reports it").isNotEmpty();
        browser.findElement(By.name("username")).sendKeys("demo");
        browser.findElement(By.name("password")).sendKeys("demo");
        browser.findElement(By.cssSelector("form button[type=submit]")).click();

        By row = By.cssSelector("section[data-queue=billing_team] tr[data-ticket-id='" + ticketId + "']");
        wait.until(ExpectedConditions.visibilityOfElementLocated(row));
        assertThat(browser.findElement(row).getText()).contains("发票金额错了", "High");
        screenshot("workspace-tasks");

        browser.findElement(row).findElement(By.cssSelector("button.claim")).click();
        wait.until(ExpectedConditions.urlContains("/workspace/tickets/" + ticketId));
        assertThat(browser.findElement(By.cssSelector(".flash.notice")).getText()).contains("claimed");
        assertThat(tickets.get(ticketId).assignee()).isEqualTo("demo");

        browser.findElement(By.name("text")).sendKeys("已为您安排退款 / refund arranged");
        browser.findElement(By.cssSelector("button.reply")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("ol.transcript"), "refund arranged"));
        screenshot("workspace-ticket");

        browser.findElement(By.cssSelector("button.resolve")).click();
        wait.until(ExpectedConditions.urlMatches(".*/workspace/?$"));
        assertThat(browser.findElements(row)).isEmpty();
        assertThat(tickets.get(ticketId).status()).isEqualTo(TicketStatus.RESOLVED);

        browser.get(url("/workspace?lang=zh"));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("任务列表");
        assertThat(policyViolations(browser)).as("no page's own script or style is blocked").isEmpty();
    }

    /** The console's Content-Security-Policy reports since the last call (reading empties the log). */
    static List<String> policyViolations(WebDriver browser) {
        return browser.manage().logs().get(LogType.BROWSER).getAll().stream().map(LogEntry::getMessage)
                .filter(m -> m.contains("Content Security Policy")).toList();
    }

    private String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    private void screenshot(String name) throws IOException {
        Path target = Path.of("target", "screenshots");
        Files.createDirectories(target);
        Files.write(target.resolve(name + ".png"),
                ((org.openqa.selenium.TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }
}
