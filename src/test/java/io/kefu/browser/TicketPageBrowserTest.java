package io.kefu.browser;

import java.time.Duration;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import io.kefu.customer.CustomerService;
import io.kefu.customer.CustomerTier;
import io.kefu.intake.InboundMessage;
import io.kefu.intake.IntakeService;
import io.kefu.knowledge.KnowledgeService;
import io.kefu.testing.H2Database;
import io.kefu.testing.TestArticles;
import io.kefu.ticket.Channel;
import io.kefu.ticket.TicketService;
import io.kefu.ticket.TicketStatus;
import io.kefu.ticket.Topic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The ticket page as an agent works it, in real headless Chromium: the customer's profile (tier,
 * where they wrote from, their other tickets), the SLA clocks counting down, a related article
 * inserted into the reply, the keyboard shortcuts, and a second agent opening and typing in the
 * same ticket shown live to the first (collision detection). Screenshots in English and Chinese.
 */
@EnabledIf("io.kefu.browser.BrowserSession#wanted")
@H2Database("browser-ticket-page")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class TicketPageBrowserTest {

    private static final String BOB_PASSWORD = "pw-bob-ticket-page-2026";

    @RegisterExtension
    static final BrowserSession first = new BrowserSession("1400,1300");
    @RegisterExtension
    static final BrowserSession second = new BrowserSession("1280,900");

    @Autowired
    CustomerService customers;
    @Autowired
    IntakeService intake;
    @Autowired
    TicketService tickets;
    @Autowired
    KnowledgeService knowledge;
    @Autowired
    IdentityService identity;

    @Test
    void anAgentSeesTheProfileAndClocksInsertsAnArticleUsesShortcutsAndSeesAColleagueArriveAndType() {
        customers.register("browser-profile", "Zhou Min", CustomerTier.VIP);
        // An earlier ticket of the same customer, closed when they left the queue.
        long earlier = intake.receive(new InboundMessage(Channel.WEB, "browser-profile",
                "Can I change my delivery address?", Topic.GENERAL)).ticketId();
        await().atMost(Duration.ofSeconds(30)).until(() -> tickets.get(earlier).status() == TicketStatus.QUEUED);
        tickets.abandon(earlier);
        String question = "I was charged twice for the same order, please refund the duplicate charge";
        long ticketId = intake.receive(new InboundMessage(Channel.WEB, "browser-profile", question, Topic.BILLING))
                .ticketId();
        await().atMost(Duration.ofSeconds(30)).until(() -> tickets.get(ticketId).status() == TicketStatus.QUEUED);
        assertThat(tickets.get(ticketId).sla().firstResponseDue()).as("routing started the clocks").isNotNull();
        // Published once the ticket waits for an agent, so that the bot did not answer with it first.
        long articleId = TestArticles.published(knowledge, "en", "Refund of a duplicate charge",
                "A charge taken twice is refunded within 3 working days.\n\nOpen **Orders**, pick the order and "
                        + "choose *Report a duplicate charge*.", "billing");
        await().atMost(Duration.ofSeconds(30)).until(() -> knowledge.related(question, null, 3).stream()
                .anyMatch(a -> a.articleId() == articleId));
        agent("bob", tickets.get(ticketId).queue());

        WebDriver demo = first.driver();
        WebDriverWait waits = BrowserSession.waitOn(demo, Duration.ofSeconds(30));
        demo.get(first.url("/workspace/tickets/" + ticketId + "?lang=en"));
        first.signIn("demo", "demo");
        waits.until(ExpectedConditions.urlContains("/workspace/tickets/" + ticketId));
        demo.get(first.url("/workspace/tickets/" + ticketId + "?lang=en"));
        waits.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("main[data-live-connected=true]")));

        // The profile: tier, the channel address the customer wrote from, the earlier ticket.
        WebElement profile = demo.findElement(By.cssSelector("section.customer-profile"));
        assertThat(profile.findElement(By.cssSelector(".profile-tier")).getText()).isEqualTo("VIP");
        assertThat(profile.findElement(By.cssSelector("ul.identities")).getText()).contains("Web chat", "browser-profile");
        WebElement other = profile.findElement(By.cssSelector("ul.other-tickets li[data-ticket-id='" + earlier + "']"));
        assertThat(other.getText()).contains("#" + earlier, "Closed");
        assertThat(profile.findElements(By.cssSelector("ul.other-tickets li[data-ticket-id='" + ticketId + "']")))
                .as("not the ticket itself").isEmpty();

        // The SLA clock counts down, second by second.
        By firstResponse = By.cssSelector("section.sla-clocks time.countdown.first-response");
        waits.until(d -> d.findElement(firstResponse).getText().startsWith("in "));
        String before = demo.findElement(firstResponse).getText();
        waits.until(d -> !d.findElement(firstResponse).getText().equals(before));
        assertThat(demo.findElement(firstResponse).getText()).matches("in \\d+ (h \\d+ min|min \\d+ s|s)");

        // Shortcuts: "?" shows the list, "r" goes to the reply, Escape leaves it, "n" goes to the note.
        new Actions(demo).sendKeys("?").perform();
        waits.until(d -> d.findElement(By.cssSelector("details.shortcuts")).getAttribute("open") != null);
        new Actions(demo).sendKeys("r").perform();
        waits.until(d -> activeMatches(d, "form.reply textarea"));
        assertThat(demo.findElement(By.cssSelector("form.reply textarea")).getAttribute("value"))
                .as("the key that moved there is not typed").isEmpty();
        new Actions(demo).sendKeys(org.openqa.selenium.Keys.ESCAPE).sendKeys("n").perform();
        waits.until(d -> activeMatches(d, "form.note textarea"));
        new Actions(demo).sendKeys(org.openqa.selenium.Keys.ESCAPE).perform();

        // The related article goes into the reply.
        demo.findElement(By.cssSelector("form.reply textarea")).sendKeys("Hello Zhou Min,");
        demo.findElement(By.cssSelector("button.insert-article[data-article-id='" + articleId + "']")).click();
        waits.until(d -> d.findElement(By.cssSelector("form.reply textarea")).getAttribute("value")
                .contains("refunded within 3 working days"));
        assertThat(demo.findElement(By.cssSelector("form.reply textarea")).getAttribute("value"))
                .startsWith("Hello Zhou Min,\n\nRefund of a duplicate charge\nA charge taken twice");

        // A colleague opens the same ticket, then types: the first agent sees both, live.
        WebDriver bob = second.driver();
        WebDriverWait bobWaits = BrowserSession.waitOn(bob, Duration.ofSeconds(30));
        bob.get(second.url("/workspace/tickets/" + ticketId + "?lang=en"));
        second.signIn("bob", BOB_PASSWORD);
        bobWaits.until(ExpectedConditions.urlContains("/workspace/tickets/" + ticketId));
        bobWaits.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("main[data-live-connected=true]")));
        By colleagues = By.cssSelector("p.colleagues");
        waits.until(ExpectedConditions.textToBePresentInElementLocated(colleagues, "Also on this ticket: bob"));
        bobWaits.until(ExpectedConditions.textToBePresentInElementLocated(colleagues, "Also on this ticket: demo"));
        bob.findElement(By.cssSelector("form.reply textarea")).sendKeys("Let me check");
        waits.until(ExpectedConditions.textToBePresentInElementLocated(colleagues, "Also on this ticket: bob (typing a reply…)"));
        tall(demo, () -> first.screenshot("ticket-page"));

        // bob leaves: the first agent's page drops him.
        bob.get(second.url("/workspace?lang=en"));
        // (its "left" frame, or, should the page go before sending it, 40 s of silence)
        BrowserSession.waitOn(demo, Duration.ofSeconds(70)).until(ExpectedConditions.invisibilityOfElementLocated(colleagues));

        // Waiting for the customer's answer: the banner counts down to the follow-up.
        new org.openqa.selenium.support.ui.Select(demo.findElement(By.cssSelector("form.wait select[name=after]")))
                .selectByValue("P1D");
        demo.findElement(By.cssSelector("form.wait input[name=note]")).sendKeys("the duplicate charge's date");
        demo.findElement(By.cssSelector("button.wait")).click();
        waits.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".waiting-for-customer"),
                "Waiting for the customer's answer (set by demo)"));
        waits.until(d -> d.findElement(By.cssSelector(".waiting-for-customer time.countdown")).getText()
                .matches("in 2[34] h \\d+ min"));
        tall(demo, () -> first.screenshot("ticket-page-waiting"));

        demo.get(first.url("/workspace/tickets/" + ticketId + "?lang=zh"));
        waits.until(d -> d.findElement(firstResponse).getText().endsWith("后到期"));
        assertThat(demo.findElement(By.cssSelector("section.customer-profile")).getText())
                .contains("客户资料", "网页聊天", "其他工单", "已关闭");
        tall(demo, () -> first.screenshot("ticket-page-zh"));
        assertThat(first.policyViolations()).as("no page's own script or style is blocked").isEmpty();
        demo.get(first.url("/workspace?lang=en"));
    }

    private static boolean activeMatches(WebDriver browser, String selector) {
        return Boolean.TRUE.equals(((JavascriptExecutor) browser).executeScript(
                "return document.activeElement !== null && document.activeElement.matches(arguments[0])", selector));
    }

    /** Takes the screenshot with the window as tall as the page. */
    private static void tall(WebDriver browser, Runnable shot) {
        org.openqa.selenium.Dimension size = browser.manage().window().getSize();
        Number height = (Number) ((JavascriptExecutor) browser)
                .executeScript("return document.documentElement.scrollHeight");
        browser.manage().window().setSize(new org.openqa.selenium.Dimension(size.getWidth(), height.intValue() + 140));
        try {
            shot.run();
        } finally {
            browser.manage().window().setSize(size);
        }
    }

    private void agent(String id, String queue) {
        if (identity.createUserQuery().userId(id).count() == 0) {
            User user = identity.newUser(id);
            user.setFirstName("Bob");
            user.setLastName("Test");
            user.setPassword(BOB_PASSWORD);
            identity.saveUser(user);
            identity.createMembership(id, "agents");
            identity.createMembership(id, queue);
        }
    }
}
