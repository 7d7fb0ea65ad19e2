package io.kefu.browser;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.kefu.customer.CustomerTier;
import io.kefu.routing.RoutingProbe;
import io.kefu.testing.H2Database;
import io.kefu.testing.TestTickets;
import io.kefu.ticket.Channel;
import io.kefu.ticket.Topic;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A process designer in real headless Chromium on {@code /designer/rules}, on an application whose
 * {@code kefu.home} is a copy of the repository's {@code rules/}: sends billing questions to the
 * general queue, sees the test cases that now fail (each a link to its line), has the deployment
 * refused with nothing written, replays the draft over past tickets, fixes the cases, deploys, and the running rules route the new way
 * without a restart; then reads the page in Chinese.
 */
@EnabledIf("io.kefu.browser.BrowserSession#wanted")
@H2Database("browser-rules")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(RoutingProbe.class)
class RuleDesignerBrowserTest {

    static final Path HOME = RoutingProbe.copyOfTheRules("kefu-rule-designer-browser");

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("kefu.home", HOME::toString);
        registry.add("kefu.rules.refresh-interval", () -> "PT1H");
    }

    @RegisterExtension
    final BrowserSession chromium = new BrowserSession("1440,1000");

    @Autowired
    RoutingProbe routing;
    @Autowired
    ApplicationContext context;

    @AfterEach
    void backToTheRepositorysRules() throws Exception {
        for (String file : List.of("routing.drl", "tests/routing-cases.csv")) {
            Files.copy(Path.of("rules", file), HOME.resolve("rules").resolve(file), StandardCopyOption.REPLACE_EXISTING);
        }
        routing.reload();
    }

    @Test
    void aDesignerBreaksARuleSeesTheFailingCasesIsRefusedFixesTheCasesAndDeploys() throws Exception {
        long billing = TestTickets.in(context).queued("rule-designer-1", "My invoice is wrong", Topic.BILLING);
        WebDriver browser = chromium.driver();
        WebDriverWait wait = BrowserSession.waitOn(browser, Duration.ofSeconds(30));
        browser.get(chromium.url("/designer/rules?lang=en"));
        chromium.signIn("demo", "demo");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".rule-file textarea[data-name='routing.drl']")));
        long live = routing.liveVersion();
        assertThat(browser.findElement(By.cssSelector(".rule-versions tr.live")).getAttribute("data-version"))
                .isEqualTo(String.valueOf(live));

        // Billing questions to the general queue: the cases that expect billing_team fail.
        edit("routing.drl", "$decision.routeTo(\"billing_team\"", "$decision.routeTo(\"general_support\"");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".rule-results .verdict.invalid")));
        List<WebElement> problems = browser.findElements(By.cssSelector(".rule-results li.problem"));
        assertThat(problems).isNotEmpty().allSatisfy(p -> {
            assertThat(p.getAttribute("data-file")).isEqualTo("tests/routing-cases.csv");
            assertThat(p.getText()).contains("billing_team");
        });
        assertThat(browser.findElement(By.cssSelector(".rule-files button[data-name='tests/routing-cases.csv']"))
                .getAttribute("class")).contains("has-problem");

        // A failing case's link opens the case table at its line.
        int line = Integer.parseInt(problems.get(0).getAttribute("data-line"));
        problems.get(0).findElement(By.tagName("a")).click();
        WebElement cases = browser.findElement(By.cssSelector(".rule-file textarea[data-name='tests/routing-cases.csv']"));
        wait.until(ExpectedConditions.visibilityOf(cases));
        String selected = (String) ((JavascriptExecutor) browser).executeScript(
                "return arguments[0].value.substring(arguments[0].selectionStart, arguments[0].selectionEnd);", cases);
        assertThat(selected).isEqualTo(Files.readAllLines(Path.of("rules/tests/routing-cases.csv")).get(line - 1));

        browser.findElement(By.cssSelector("button.deploy")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".rule-results .verdict.refused")));
        chromium.screenshot("rule-designer-refused");
        assertThat(Files.readString(HOME.resolve("rules/routing.drl"))).as("nothing written")
                .isEqualTo(Files.readString(Path.of("rules/routing.drl")));
        assertThat(routing.liveVersion()).isEqualTo(live);
        assertThat(routing.queueFor(CustomerTier.STANDARD, Topic.BILLING, Channel.WEB)).isEqualTo("billing_team");

        // The replay shows the past billing ticket that the draft would send elsewhere.
        browser.findElement(By.cssSelector("button.replay")).click();
        By changedTicket = By.cssSelector(".rule-replay table.changes tr[data-ticket-id='" + billing + "']");
        wait.until(ExpectedConditions.visibilityOfElementLocated(changedTicket));
        assertThat(browser.findElement(changedTicket).getText()).contains("Billing team", "General support");
        assertThat(browser.findElement(By.cssSelector(".rule-replay .summary")).getText()).contains("would be routed differently");
        assertThat(browser.findElement(By.cssSelector(".rule-replay table.load tr[data-queue=billing_team]")).getAttribute("class"))
                .contains("changed");
        ((JavascriptExecutor) browser).executeScript("document.querySelector('.rule-replay').scrollIntoView();");
        chromium.screenshot("rule-designer-replay");

        // The change was meant: the cases now expect the general queue, and the draft passes.
        edit("tests/routing-cases.csv", ",billing_team,", ",general_support,");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".rule-results .verdict.valid")));
        assertThat(browser.findElements(By.cssSelector(".rule-results li.problem"))).isEmpty();
        browser.findElement(By.cssSelector("button.deploy")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".rule-results .verdict.deployed")));
        // the page reloads on the new version
        wait.until(d -> !d.findElement(By.cssSelector(".rule-versions tr.live")).getAttribute("data-version")
                .equals(String.valueOf(live)));
        assertThat(routing.liveVersion()).isGreaterThan(live);
        assertThat(routing.queueFor(CustomerTier.STANDARD, Topic.BILLING, Channel.WEB)).isEqualTo("general_support");
        assertThat(Files.readString(HOME.resolve("rules/routing.drl"))).contains("$decision.routeTo(\"general_support\"");
        chromium.screenshot("rule-designer-deployed");
        assertThat(chromium.policyViolations()).as("no page's own script or style is blocked").isEmpty();
    }

    @Test
    void theDesignerReadsInChinese() {
        WebDriver browser = chromium.driver();
        WebDriverWait wait = BrowserSession.waitOn(browser, Duration.ofSeconds(30));
        browser.get(chromium.url("/designer/rules?lang=zh"));
        chromium.signIn("demo", "demo");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".rule-file textarea[data-name='routing.drl']")));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("规则设计器");
        edit("routing.drl", "$decision.routeTo(\"billing_team\"", "$decision.routeTo(\"general_support\"");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".rule-results .verdict.invalid")));
        chromium.screenshot("rule-designer-zh");
        assertThat(chromium.policyViolations()).as("no page's own script or style is blocked").isEmpty();
    }

    /** Edits a file's box as typing would: the value changes and an input event fires. */
    private void edit(String file, String from, String to) {
        WebDriver browser = chromium.driver();
        browser.findElement(By.cssSelector(".rule-files button[data-name='" + file + "']")).click();
        WebElement box = browser.findElement(By.cssSelector(".rule-file textarea[data-name='" + file + "']"));
        assertThat(box.getAttribute("value")).contains(from);
        ((JavascriptExecutor) browser).executeScript(
                "arguments[0].value = arguments[0].value.split(arguments[1]).join(arguments[2]);"
                        + "arguments[0].dispatchEvent(new Event('input', {bubbles: true}));", box, from, to);
    }
}
