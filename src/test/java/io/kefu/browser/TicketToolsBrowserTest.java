package io.kefu.browser;

import java.time.Duration;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import io.kefu.customer.CustomerService;
import io.kefu.customer.CustomerTier;
import io.kefu.intake.InboundMessage;
import io.kefu.intake.IntakeService;
import io.kefu.testing.H2Database;
import io.kefu.ticket.Channel;
import io.kefu.ticket.TicketService;
import io.kefu.ticket.TicketStatus;
import io.kefu.ticket.Topic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two agents in real headless Chromium: the first writes a canned response, finds a ticket on
 * {@code /tickets} by a word of its conversation, adds an internal note, inserts the canned reply
 * with {@code /} (its placeholders filled) and sends it, then transfers the ticket to another queue
 * with a note; the second agent, on that queue's task list, sees the ticket arrive without
 * reloading. Screenshots of the pages in English and Chinese.
 */
@EnabledIf("io.kefu.browser.BrowserSession#wanted")
@H2Database("browser-tickets")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class TicketToolsBrowserTest {

    private static final String BOB_PASSWORD = "pw-bob-tickets-2026";

    @RegisterExtension
    static final BrowserSession first = new BrowserSession("1280,1500");
    @RegisterExtension
    static final BrowserSession second = new BrowserSession("1280,800");

    @Autowired
    CustomerService customers;
    @Autowired
    IntakeService intake;
    @Autowired
    TicketService tickets;
    @Autowired
    IdentityService identity;

    @Test
    void anAgentFindsNotesRepliesWithACannedResponseAndTransfersWhileAnotherSeesItArrive() {
        agent("bob", "general_support");
        customers.register("browser-tools", "Sun Li", CustomerTier.STANDARD);
        long ticketId = intake.receive(new InboundMessage(Channel.WEB, "browser-tools",
                "My invoice lists a platypusfee I never ordered", Topic.BILLING)).ticketId();
        await().atMost(Duration.ofSeconds(30)).until(() -> tickets.get(ticketId).status() == TicketStatus.QUEUED);

        // The second agent watches general_support's task list.
        WebDriver bob = second.driver();
        WebDriverWait bobWaits = BrowserSession.waitOn(bob, Duration.ofSeconds(30));
        bob.get(second.url("/workspace"));
        second.signIn("bob", BOB_PASSWORD);
        bobWaits.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("main[data-live-connected=true]")));
        By arrived = By.cssSelector("section[data-queue=general_support] tr[data-ticket-id='" + ticketId + "']");
        assertThat(bob.findElements(arrived)).isEmpty();

        WebDriver demo = first.driver();
        WebDriverWait waits = BrowserSession.waitOn(demo, Duration.ofSeconds(30));
        demo.get(first.url("/workspace/canned-responses?lang=en"));
        first.signIn("demo", "demo");
        waits.until(ExpectedConditions.urlContains("/workspace/canned-responses"));
        demo.get(first.url("/workspace/canned-responses?lang=en"));
        demo.findElement(By.name("title")).sendKeys("Invoice check");
        demo.findElement(By.name("text")).sendKeys("Hello {{customer.name}}, {{agent.name}} here: I am checking "
                + "the invoice of ticket #{{ticket.id}} now.");
        new Select(demo.findElement(By.name("language"))).selectByValue("en");
        new Select(demo.findElement(By.name("scope"))).selectByValue("PERSONAL");
        demo.findElement(By.cssSelector("button.save")).click();
        waits.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("table.canned-rows"), "Invoice check"));
        first.screenshot("canned-responses");

        // Find it by a word of the conversation.
        demo.get(first.url("/tickets"));
        demo.findElement(By.name("q")).sendKeys("platypusfee");
        demo.findElement(By.cssSelector("form.ticket-search button[type=submit]")).click();
        By row = By.cssSelector("table.ticket-rows tr[data-ticket-id='" + ticketId + "']");
        waits.until(ExpectedConditions.visibilityOfElementLocated(row));
        assertThat(demo.findElements(By.cssSelector("table.ticket-rows tbody tr"))).hasSize(1);
        assertThat(demo.findElement(row).getText()).contains("Billing team", "Web chat", "Waiting in queue");
        first.screenshot("tickets-list");
        demo.findElement(row).findElement(By.cssSelector("a")).click();
        waits.until(ExpectedConditions.urlContains("/workspace/tickets/" + ticketId));

        // A note, shown in the transcript and never sent.
        demo.findElement(By.cssSelector("form.note textarea")).sendKeys("Customer disputes the platypusfee line");
        demo.findElement(By.cssSelector("button.note")).click();
        waits.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("ol.transcript li.internal"),
                "Customer disputes the platypusfee line"));

        // "/" and a word offer the canned response; picking it fills the placeholders.
        WebElement reply = demo.findElement(By.cssSelector("form.reply textarea"));
        reply.sendKeys("/invoice");
        waits.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("ul.canned-menu li")));
        ((org.openqa.selenium.JavascriptExecutor) demo).executeScript(
                "document.querySelector('ul.canned-menu').scrollIntoView({block: 'center'})");
        first.screenshot("ticket-canned-menu");
        reply.sendKeys(Keys.ENTER);
        waits.until(d -> d.findElement(By.cssSelector("form.reply textarea")).getAttribute("value").startsWith("Hello"));
        assertThat(demo.findElement(By.cssSelector("form.reply textarea")).getAttribute("value"))
                .isEqualTo("Hello Sun Li, Demo User here: I am checking the invoice of ticket #" + ticketId + " now.");
        demo.findElement(By.cssSelector("button.reply")).click();
        waits.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("ol.transcript li.outbound"),
                "I am checking the invoice"));
        tall(demo, () -> first.screenshot("ticket-tools"));

        // Transfer to general_support with a note: the second agent's list shows it, live.
        new Select(demo.findElement(By.cssSelector("form.transfer select[name=queue]"))).selectByValue("general_support");
        demo.findElement(By.cssSelector("form.transfer textarea[name=note]")).sendKeys("Not an invoice error: a general question");
        demo.findElement(By.cssSelector("button.transfer")).click();
        waits.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".flash.notice"), "transferred"));
        assertThat(tickets.get(ticketId).queue()).isEqualTo("general_support");

        bobWaits.until(ExpectedConditions.visibilityOfElementLocated(arrived));
        assertThat(bob.findElement(arrived).getText()).contains("platypusfee");
        second.screenshot("workspace-transfer-arrived");

        // The same pages in Chinese.
        demo.get(first.url("/tickets?lang=zh&q=platypusfee"));
        waits.until(ExpectedConditions.visibilityOfElementLocated(row));
        assertThat(demo.findElement(row).getText()).contains("综合支持", "网页聊天");
        first.screenshot("tickets-list-zh");
        demo.get(first.url("/workspace/tickets/" + ticketId));
        waits.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("ol.transcript li.internal"),
                "内部备注"));
        tall(demo, () -> first.screenshot("ticket-tools-zh"));
        assertThat(first.policyViolations()).as("no page's own script or style is blocked").isEmpty();
        demo.get(first.url("/tickets?lang=en"));
    }

    /** Takes the screenshot with the window as tall as the page, so the tools below the transcript show. */
    private static void tall(WebDriver browser, Runnable shot) {
        org.openqa.selenium.Dimension size = browser.manage().window().getSize();
        Number height = (Number) ((org.openqa.selenium.JavascriptExecutor) browser)
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
