package io.kefu.browser;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.SearchContext;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.kefu.testing.H2Database;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The web chat in real headless Chromium, two browsers at once: a customer on the demo shop page
 * (phone-sized window) chatting through the widget, and an agent on the workspace (another
 * browser, its own cookies). Each sees the other's messages and typing live; the agent's pages
 * never reload for it. Screenshots land in {@code target/screenshots/} (chat-*.png).
 */
@EnabledIf("io.kefu.browser.BrowserSession#wanted")
@H2Database("chat-browser")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class WebChatBrowserTest {

    @RegisterExtension
    static final BrowserSession customer = new BrowserSession("412,860");

    @RegisterExtension
    static final BrowserSession agent = new BrowserSession("1280,900");

    @Autowired
    JdbcClient jdbc;

    @Autowired
    io.kefu.agent.AgentService agents;

    @Test
    void theWidgetAndTheWorkspaceSeeEachOthersMessagesAndTypingLive() {
        WebDriver shop = customer.driver();
        WebDriver desk = agent.driver();
        WebDriverWait shopWait = BrowserSession.waitOn(shop, Duration.ofSeconds(20));
        WebDriverWait deskWait = BrowserSession.waitOn(desk, Duration.ofSeconds(20));

        shop.get(customer.url("/chat/demo?lang=en"));
        shopWait.until(d -> widget(d).findElements(By.cssSelector(".kefu-panel:not(.kefu-hidden)")).size() == 1);
        shopWait.until(d -> widget(d).findElement(By.cssSelector(".kefu-notice")).getText().contains("No agent is online"));
        // The greeting comes with the (empty) history, a moment after the panel opens.
        shopWait.until(d -> widget(d).findElement(By.cssSelector(".kefu-messages")).getText().contains("How can we help"));
        customer.screenshot("chat-widget-offline");

        desk.get(agent.url("/workspace?lang=en"));
        agent.signIn("demo", "demo");
        deskWait.until(d -> "true".equals(d.findElement(By.cssSelector("main[data-live]"))
                .getAttribute("data-live-connected")));
        markPage(desk);

        type(shop, "The app crashes with an error every time I log in");
        widget(shop).findElement(By.cssSelector(".kefu-send")).click();
        shopWait.until(d -> widget(d).findElements(By.cssSelector(".kefu-customer[data-seq]")).size() == 1);

        long ticketId = jdbc.sql("SELECT MAX(id) FROM ticket").query(Long.class).single();
        By row = By.cssSelector("tr[data-ticket-id='" + ticketId + "']");
        deskWait.until(d -> !d.findElements(row).isEmpty());
        // With an agent connected the "nobody online" word goes; the customer is told their place instead.
        shopWait.until(d -> {
            String notice = widget(d).findElement(By.cssSelector(".kefu-notice")).getText();
            return !notice.contains("No agent is online")
                    && (notice.contains("You are next in line") || notice.contains("ahead of you"));
        });
        customer.screenshot("chat-widget-queue-position");
        assertThat(pageMarked(desk)).as("the task list updated without a reload").isTrue();
        assertThat(desk.findElement(row).getText()).contains("The app crashes");
        agent.screenshot("chat-workspace-tasks-live");

        desk.findElement(row).findElement(By.cssSelector("button.claim")).click();
        deskWait.until(d -> d.getCurrentUrl().contains("/workspace/tickets/" + ticketId));
        deskWait.until(d -> "true".equals(d.findElement(By.cssSelector("main[data-live]"))
                .getAttribute("data-live-connected")));
        markPage(desk);

        type(shop, "It is version 2.2");
        // Typing is a fire-and-forget frame sent at most every 2 s while keys are pressed: one that
        // raced the page's fresh subscription is lost, so keep typing until the other side shows it.
        deskWait.until(d -> d.findElement(By.cssSelector(".live-typing")).isDisplayed() || typeOn(shop, "."));
        widget(shop).findElement(By.cssSelector(".kefu-send")).click();
        deskWait.until(d -> d.findElement(By.cssSelector("ol.transcript")).getText().contains("It is version 2.2"));
        assertThat(desk.findElement(By.cssSelector("ol.transcript li:last-child .author")).getText())
                .startsWith("v-");
        assertThat(pageMarked(desk)).as("the customer's message arrived without a reload").isTrue();

        desk.findElement(By.name("text")).sendKeys("Please update to 2.3");
        shopWait.until(d -> widget(d).findElement(By.cssSelector(".kefu-typing")).isDisplayed()
                || sendKeysOn(desk.findElement(By.name("text")), "."));
        agent.screenshot("chat-workspace-ticket-live");
        desk.findElement(By.cssSelector("button.reply")).click();
        shopWait.until(d -> widget(d).findElement(By.cssSelector(".kefu-messages")).getText()
                .contains("Please update to 2.3"));
        assertThat(widget(shop).findElements(By.cssSelector(".kefu-agent"))).hasSize(1);
        assertThat(widget(shop).findElement(By.cssSelector(".kefu-notice")).getText())
                .as("the queue place is gone once an agent answers").isEmpty();
        customer.screenshot("chat-widget");

        assertThat(customer.policyViolations()).as("the widget needs nothing the page's policy blocks").isEmpty();
        assertThat(agent.policyViolations()).isEmpty();
    }

    @Test
    void aWaitingCustomerLeavesTheQueueFromTheWidget() {
        // Nobody online, so the ticket waits (the other test's agent may still be signed in).
        agent.driver().get("about:blank");
        agents.setPresence("demo", "OFFLINE");
        WebDriver shop = customer.driver();
        WebDriverWait shopWait = BrowserSession.waitOn(shop, Duration.ofSeconds(20));
        // A visitor of their own: the other test's conversation must not continue here (cleared on a
        // page of the same origin without the widget, which could otherwise store its token again).
        shop.get(customer.url("/chat/widget.css"));
        ((org.openqa.selenium.JavascriptExecutor) shop).executeScript("window.localStorage.clear()");
        shop.get(customer.url("/chat/demo?lang=zh"));
        try {
            shopWait.until(d -> widget(d).findElements(By.cssSelector(".kefu-panel:not(.kefu-hidden)")).size() == 1);
            type(shop, "My invoice shows a charge I do not recognise, please check my account");
            widget(shop).findElement(By.cssSelector(".kefu-send")).click();
            shopWait.until(d -> widget(d).findElement(By.cssSelector(".kefu-leave")).isDisplayed());
            long ticketId = jdbc.sql("SELECT MAX(id) FROM ticket").query(Long.class).single();
            assertThat(widget(shop).findElement(By.cssSelector(".kefu-leave")).getText()).isEqualTo("不等了，离开排队");
            customer.screenshot("chat-widget-leave-queue-zh");

            widget(shop).findElement(By.cssSelector(".kefu-leave")).click();
            shopWait.until(d -> widget(d).findElement(By.cssSelector(".kefu-notice")).getText().contains("您已离开排队"));
            assertThat(widget(shop).findElement(By.cssSelector(".kefu-leave")).isDisplayed()).isFalse();
            assertThat(jdbc.sql("SELECT status FROM ticket WHERE id = ?").param(ticketId).query(String.class).single())
                    .isEqualTo("CLOSED");
            assertThat(jdbc.sql("SELECT abandoned_at FROM ticket WHERE id = ?").param(ticketId)
                    .query(java.sql.Timestamp.class).single()).isNotNull();
            customer.screenshot("chat-widget-left-queue-zh");
            assertThat(customer.policyViolations()).isEmpty();
        } finally {
            shop.get(customer.url("/chat/widget.css"));
            ((org.openqa.selenium.JavascriptExecutor) shop).executeScript("window.localStorage.clear()");
        }
    }

    private static SearchContext widget(WebDriver driver) {
        return driver.findElement(By.cssSelector("div[data-kefu-chat]")).getShadowRoot();
    }

    private static void type(WebDriver shop, String text) {
        WebElement input = widget(shop).findElement(By.cssSelector(".kefu-input"));
        input.sendKeys(text);
    }

    /** Types one more character into the widget; false, so a wait goes on polling. */
    private static boolean typeOn(WebDriver shop, String text) {
        type(shop, text);
        return false;
    }

    private static boolean sendKeysOn(WebElement input, String text) {
        input.sendKeys(text);
        return false;
    }

    private static void markPage(WebDriver driver) {
        ((JavascriptExecutor) driver).executeScript("window.kefuNotReloaded = true");
    }

    private static boolean pageMarked(WebDriver driver) {
        return Boolean.TRUE.equals(((JavascriptExecutor) driver).executeScript("return window.kefuNotReloaded === true"));
    }
}
