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
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.kefu.testing.H2Database;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The widget's pre-chat form in real headless Chromium on a phone-sized screen, the demo channel
 * configured to ask for it: shown before the first message (English and Chinese), an address the
 * browser lets through but the server refuses is answered in the page's language, a valid answer
 * opens the conversation; the agent sees the name and e-mail address on the ticket, and the
 * customer's read receipt on their reply, live and after a reload. Screenshots land in
 * {@code target/screenshots/} (chat-prechat-*.png, chat-workspace-receipts.png).
 */
@EnabledIf("io.kefu.browser.BrowserSession#wanted")
@H2Database("chat-prechat-browser")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class WebChatPreChatBrowserTest {

    @RegisterExtension
    static final BrowserSession customer = new BrowserSession("390,844");

    @RegisterExtension
    static final BrowserSession agent = new BrowserSession("1280,900");

    @Autowired
    JdbcClient jdbc;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        // The embedded default's demo channel, as KEFU_CHAT_PRE_CHAT_FORM=true sets it.
        registry.add("kefu.chat.channels[0].key", () -> "demo-web");
        registry.add("kefu.chat.channels[0].name", () -> "Kefu demo shop");
        registry.add("kefu.chat.channels[0].secret", () -> "demo-secret-change-me");
        registry.add("kefu.chat.channels[0].allowed-origins", () -> "http://localhost:[*],http://127.0.0.1:[*]");
        registry.add("kefu.chat.channels[0].pre-chat-form", () -> "true");
    }

    @Test
    void theWidgetAsksNameAndEmailFirstInChineseAndEnglishAndTheAgentSeesThemAndTheReceipts() {
        WebDriver shop = customer.driver();
        WebDriverWait shopWait = BrowserSession.waitOn(shop, Duration.ofSeconds(30));

        shop.get(customer.url("/chat/demo?lang=zh"));
        shopWait.until(d -> widget(d).findElement(By.cssSelector(".kefu-prechat")).isDisplayed());
        assertThat(widget(shop).findElement(By.cssSelector(".kefu-prechat-intro")).getText()).contains("电子邮箱");
        assertThat(widget(shop).findElement(By.cssSelector(".kefu-form")).isDisplayed())
                .as("no message box before the form").isFalse();
        customer.screenshot("chat-prechat-zh");

        // A new visitor for the English page: the Chinese one has not answered and would be asked again anyway.
        ((JavascriptExecutor) shop).executeScript("localStorage.clear()");
        shop.get(customer.url("/chat/demo?lang=en"));
        shopWait.until(d -> widget(d).findElement(By.cssSelector(".kefu-prechat")).isDisplayed());
        WebElement name = widget(shop).findElement(By.cssSelector(".kefu-prechat input[name=name]"));
        WebElement email = widget(shop).findElement(By.cssSelector(".kefu-prechat input[name=email]"));
        name.sendKeys("Li Wei");
        // The browser takes "a@b" as an address; the server wants a domain with a dot.
        email.sendKeys("li.wei@example");
        widget(shop).findElement(By.cssSelector(".kefu-start")).click();
        shopWait.until(d -> widget(d).findElement(By.cssSelector(".kefu-prechat-error")).isDisplayed());
        assertThat(widget(shop).findElement(By.cssSelector(".kefu-prechat-error")).getText())
                .isEqualTo("Please enter a valid e-mail address, such as li.wei@example.com.");
        customer.screenshot("chat-prechat-en-refused");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM customer WHERE email IS NOT NULL").query(Long.class).single())
                .as("nothing stored from the refused answer").isZero();

        email.sendKeys(".com");
        widget(shop).findElement(By.cssSelector(".kefu-start")).click();
        shopWait.until(d -> widget(d).findElement(By.cssSelector(".kefu-form")).isDisplayed());
        assertThat(widget(shop).findElement(By.cssSelector(".kefu-prechat")).isDisplayed()).isFalse();
        widget(shop).findElement(By.cssSelector(".kefu-input")).sendKeys("My parcel has not arrived");
        widget(shop).findElement(By.cssSelector(".kefu-send")).click();
        shopWait.until(d -> widget(d).findElements(By.cssSelector(".kefu-customer[data-seq]")).size() == 1);
        customer.screenshot("chat-prechat-en-answered");

        long ticketId = jdbc.sql("SELECT MAX(id) FROM ticket").query(Long.class).single();
        assertThat(jdbc.sql("SELECT c.name || ' <' || c.email || '>' FROM customer c JOIN ticket t ON t.customer_id = c.id"
                + " WHERE t.id = ?").param(ticketId).query(String.class).single()).isEqualTo("Li Wei <li.wei@example.com>");

        WebDriver desk = agent.driver();
        WebDriverWait deskWait = BrowserSession.waitOn(desk, Duration.ofSeconds(30));
        desk.get(agent.url("/workspace/tickets/" + ticketId + "?lang=en"));
        agent.signIn("demo", "demo");
        deskWait.until(d -> d.getCurrentUrl().contains("/workspace/tickets/" + ticketId));
        deskWait.until(d -> "true".equals(d.findElement(By.cssSelector("main[data-live]"))
                .getAttribute("data-live-connected")));
        assertThat(desk.findElement(By.cssSelector("dd.customer-name")).getText()).isEqualTo("Li Wei");
        assertThat(desk.findElement(By.cssSelector("dd.customer-email")).getText()).isEqualTo("li.wei@example.com");

        desk.findElement(By.name("text")).sendKeys("It left our depot this morning");
        desk.findElement(By.cssSelector("button.reply")).click();
        shopWait.until(d -> widget(d).findElement(By.cssSelector(".kefu-messages")).getText()
                .contains("It left our depot this morning"));
        // The widget is open, so it tells Kefu the reply was read; the agent's page shows it.
        deskWait.until(d -> d.findElements(By.cssSelector("ol.transcript li.outbound.read .receipt")).stream()
                .anyMatch(r -> r.getText().equals("read")));
        desk.navigate().refresh();
        deskWait.until(d -> d.findElements(By.cssSelector("ol.transcript li.outbound.read .receipt")).stream()
                .anyMatch(r -> r.getText().equals("read")));
        ((JavascriptExecutor) desk).executeScript(
                "document.querySelector('ol.transcript li.outbound.read').scrollIntoView({block: 'center'})");
        agent.screenshot("chat-workspace-receipts");

        assertThat(customer.policyViolations()).as("the form needs nothing the page's policy blocks").isEmpty();
        assertThat(agent.policyViolations()).isEmpty();
    }

    private static SearchContext widget(WebDriver driver) {
        return driver.findElement(By.cssSelector("div[data-kefu-chat]")).getShadowRoot();
    }
}
