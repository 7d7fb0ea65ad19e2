package io.kefu.browser;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import io.kefu.conversation.ConversationService;
import io.kefu.conversation.Message;
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
 * One customer across channels on the ticket page, in real headless Chromium: the transcript shows
 * each message's channel badge; the reply box offers the customer's linked channels with the latest
 * one chosen, and a reply sent on another goes out there; an address is linked from the profile
 * panel (and a malformed one refused); another customer is merged in, with their open ticket, after
 * the page asks. Screenshots in English and Chinese.
 */
@EnabledIf("io.kefu.browser.BrowserSession#wanted")
@H2Database("browser-cross-channel")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class CrossChannelBrowserTest {

    @RegisterExtension
    static final BrowserSession chromium = new BrowserSession("1400,1100");

    @Autowired CustomerService customers;
    @Autowired IntakeService intake;
    @Autowired TicketService tickets;
    @Autowired ConversationService conversations;

    @Test
    void theAgentSeesEveryChannelRepliesOnAnotherLinksAnAddressAndMergesACustomer() {
        customers.register("browser-cross", "王芳", CustomerTier.STANDARD);
        long id = intake.receive(new InboundMessage(Channel.WECHAT, "browser-cross", "我的订单 A1001 还没有发货",
                Topic.ORDER)).ticketId();
        await().atMost(Duration.ofSeconds(30)).until(() -> tickets.get(id).status() == TicketStatus.QUEUED);
        assertThat(intake.receive(new InboundMessage(Channel.WEB, "browser-cross", "我现在在网站上，还是没有发货", null))
                .ticketId()).isEqualTo(id);
        customers.register("browser-cross-mail", "Wang Fang", CustomerTier.STANDARD);
        long mailTicket = intake.receive(new InboundMessage(Channel.EMAIL, "browser-cross-mail",
                "Order A1001: still not shipped, please check", Topic.ORDER), null, "wang.fang@example.com").ticketId();
        await().atMost(Duration.ofSeconds(30)).until(() -> tickets.get(mailTicket).status() == TicketStatus.QUEUED);

        WebDriver demo = chromium.driver();
        WebDriverWait waits = BrowserSession.waitOn(demo, Duration.ofSeconds(30));
        demo.get(chromium.url("/workspace/tickets/" + id + "?lang=en"));
        signInIfAsked(demo);
        demo.get(chromium.url("/workspace/tickets/" + id + "?lang=en"));
        waits.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("main[data-live-connected=true]")));

        assertThat(badges(demo)).containsExactly("WECHAT", "WEB");
        Select sendOn = new Select(demo.findElement(By.cssSelector("form.reply select[name=channel]")));
        assertThat(sendOn.getFirstSelectedOption().getAttribute("value")).as("the latest message's channel").isEqualTo("WEB");
        assertThat(sendOn.getOptions().stream().map(o -> o.getAttribute("value")).toList()).containsExactly("WEB", "WECHAT");
        sendOn.selectByValue("WECHAT");
        demo.findElement(By.cssSelector("form.reply textarea[name=text]")).sendKeys("包裹已经发出，单号 SF123");
        demo.findElement(By.cssSelector("button.reply")).click();
        waits.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("ol.transcript"), "SF123"));
        List<Message> transcript = conversations.transcript(id);
        assertThat(transcript.get(transcript.size() - 1).channel()).as("sent on the channel chosen").isEqualTo("WECHAT");
        demo.get(chromium.url("/workspace/tickets/" + id + "?lang=en"));
        waits.until(d -> badges(d).size() == 3);
        assertThat(badges(demo)).containsExactly("WECHAT", "WEB", "WECHAT");

        // Link an address the customer confirmed; a malformed one is refused.
        demo.findElement(By.cssSelector("details.customer-link summary")).click();
        new Select(demo.findElement(By.cssSelector("form.link-identity select[name=kind]"))).selectByValue("PHONE");
        demo.findElement(By.cssSelector("form.link-identity input[name=address]")).sendKeys("call me");
        demo.findElement(By.cssSelector("button.link-identity")).click();
        waits.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".flash.error"),
                "not a valid address"));
        demo.findElement(By.cssSelector("details.customer-link summary")).click();
        new Select(demo.findElement(By.cssSelector("form.link-identity select[name=kind]"))).selectByValue("PHONE");
        demo.findElement(By.cssSelector("form.link-identity input[name=address]")).sendKeys("+86 138-0013-8000");
        demo.findElement(By.cssSelector("button.link-identity")).click();
        waits.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".flash.notice"), "Linked"));
        assertThat(demo.findElement(By.cssSelector("ul.identities")).getText()).contains("Phone number", "+8613800138000");

        // The same person wrote by e-mail as another customer: merged in, with their open ticket.
        demo.findElement(By.cssSelector("details.customer-link summary")).click();
        demo.findElement(By.cssSelector("form.merge-customer input[name=from]")).sendKeys("browser-cross-mail");
        demo.findElement(By.cssSelector("button.merge-customer")).click();
        waits.until(ExpectedConditions.alertIsPresent()).accept();
        waits.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".flash.notice"), "Customers merged"));
        assertThat(tickets.get(mailTicket).status()).isEqualTo(TicketStatus.CLOSED);
        assertThat(badges(demo)).contains("EMAIL");
        assertThat(demo.findElement(By.cssSelector("ol.transcript")).getText()).contains("Order A1001: still not shipped");
        assertThat(new Select(demo.findElement(By.cssSelector("form.reply select[name=channel]"))).getOptions().stream()
                .map(o -> o.getAttribute("value")).toList()).as("e-mail joined the channels").contains("EMAIL");
        assertThat(customers.findByExternalId("browser-cross-mail").orElseThrow().externalId()).isEqualTo("browser-cross");
        demo.findElement(By.cssSelector("details.customer-link summary")).click();
        tall(demo, () -> chromium.screenshot("ticket-page-cross-channel"));

        demo.get(chromium.url("/workspace/tickets/" + id + "?lang=zh"));
        waits.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("ol.transcript"), "微信"));
        demo.findElement(By.cssSelector("details.customer-link summary")).click();
        assertThat(demo.findElement(By.cssSelector("details.customer-link")).getText()).contains("合并客户");
        tall(demo, () -> chromium.screenshot("ticket-page-cross-channel-zh"));
        assertThat(chromium.policyViolations()).as("no page's own script or style is blocked").isEmpty();
    }

    private static List<String> badges(WebDriver browser) {
        return browser.findElements(By.cssSelector("ol.transcript li span.badge.channel")).stream()
                .map(e -> e.getAttribute("data-channel")).toList();
    }

    /** Signs in as demo when the page went to the login (the session of an earlier test may hold). */
    private static void signInIfAsked(WebDriver browser) {
        BrowserSession.waitOn(browser, Duration.ofSeconds(15)).until(d -> d.getCurrentUrl().contains("/login")
                || d.findElements(By.cssSelector("main")).size() > 0);
        if (browser.getCurrentUrl().contains("/login")) {
            chromium.signIn("demo", "demo");
            BrowserSession.waitOn(browser, Duration.ofSeconds(15)).until(d -> !d.getCurrentUrl().contains("/login"));
        }
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
}
