package io.kefu.browser;

import java.nio.file.Files;
import java.nio.file.Path;
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

import io.kefu.knowledge.KnowledgeService;
import io.kefu.testing.H2Database;
import io.kefu.testing.TestArticles;
import io.kefu.testing.TestImages;
import io.kefu.ticket.TicketService;
import io.kefu.ticket.TicketStatus;
import io.kefu.ticket.TicketView;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A customer on the demo shop page (a phone-sized Chromium) attaches only a screenshot of an error
 * dialog in the widget, types nothing, and the bot answers in the widget with the knowledge article
 * about that error: the widget uploads the file, the lifecycle reads it with the real PP-OCR engine
 * before triage, the bot searches with the text read, and its answer arrives over the chat
 * connection. Screenshot: {@code target/screenshots/chat-widget-screenshot-answered.png}.
 */
@EnabledIf("io.kefu.browser.BrowserSession#wanted")
@H2Database("screenshot-widget-browser")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "kefu.lifecycle.soothe.after=PT1H",
        // The first read loads the models and a shared 2-core box reads slowly: generous bounds,
        // the read still ending within the job's lock time.
        "kefu.ocr.timeout=PT90S",
        "camunda.bpm.job-execution.lock-time-in-millis=150000"})
class ScreenshotWidgetBrowserTest {

    static final String ERROR_TITLE = "Error E1043: card verification timed out";

    @RegisterExtension
    static final BrowserSession customer = new BrowserSession("412,860");

    @Autowired
    KnowledgeService knowledge;
    @Autowired
    TicketService tickets;
    @Autowired
    JdbcClient jdbc;

    @Test
    void aCustomerWhoAttachesOnlyAScreenshotOfAnErrorIsAnsweredByTheBotWithTheArticleAboutIt() throws Exception {
        long article = TestArticles.published(knowledge, "en", ERROR_TITLE,
                "Error E1043 means your bank did not confirm the card within 30 seconds. Nothing was charged. "
                        + "Wait five minutes and pay again, or choose another card or Alipay.",
                "payment", "card", "E1043");
        TestArticles.published(knowledge, "en", "Changing your delivery address",
                "Before the order ships, edit the address under My orders.");
        TestArticles.published(knowledge, "en", "How to reset your password",
                "Open Settings, Security, choose Reset password and follow the link we e-mail you.");
        Path screenshot = Files.createTempDirectory("kefu-upload-").resolve("payment-error.png");
        Files.write(screenshot, TestImages.png(TestImages.errorDialog(ERROR_TITLE)));

        WebDriver shop = customer.driver();
        WebDriverWait wait = BrowserSession.waitOn(shop, Duration.ofSeconds(20));
        shop.get(customer.url("/chat/demo?lang=en"));
        wait.until(d -> widget(d).findElements(By.cssSelector(".kefu-panel:not(.kefu-hidden)")).size() == 1);
        wait.until(d -> widget(d).findElement(By.cssSelector(".kefu-messages")).getText().contains("How can we help"));

        // What choosing the file behind the paper clip does (the input is the button's hidden twin).
        widget(shop).findElement(By.cssSelector("input[type=file]")).sendKeys(screenshot.toString());

        wait.until(d -> widget(d).findElements(By.cssSelector(".kefu-customer[data-seq] img")).size() == 1);
        WebElement thumbnail = widget(shop).findElement(By.cssSelector(".kefu-customer[data-seq] img"));
        wait.until(d -> ((Number) ((JavascriptExecutor) d).executeScript(
                "return arguments[0].complete ? arguments[0].naturalWidth : 0", thumbnail)).intValue() == 240);
        assertThat(widget(shop).findElement(By.cssSelector(".kefu-customer[data-seq] .kefu-bubble")).getText())
                .as("the message is the file alone").isEqualTo("payment-error.png");

        // Reading (the first read loads the models), triage and the bot's search run in the ticket's jobs.
        BrowserSession.waitOn(shop, Duration.ofSeconds(240)).until(d -> widget(d)
                .findElements(By.cssSelector(".kefu-bot[data-seq] .kefu-bubble")).stream()
                .anyMatch(bubble -> bubble.getText().startsWith(ERROR_TITLE)));
        String answer = widget(shop).findElements(By.cssSelector(".kefu-bot[data-seq] .kefu-bubble")).stream()
                .map(WebElement::getText).filter(text -> text.startsWith(ERROR_TITLE)).findFirst().orElseThrow();
        assertThat(answer).contains("Error E1043 means your bank did not confirm the card");
        customer.screenshot("chat-widget-screenshot-answered");

        long ticketId = jdbc.sql("SELECT ticket_id FROM chat_attachment WHERE file_name = 'payment-error.png'")
                .query(Long.class).single();
        TicketView ticket = tickets.get(ticketId);
        assertThat(ticket.status()).isEqualTo(TicketStatus.BOT_ANSWERED);
        assertThat(ticket.botArticleId()).isEqualTo(article);
        assertThat(jdbc.sql("SELECT ocr_text FROM chat_attachment WHERE ticket_id = ?").param(ticketId)
                .query(String.class).single()).contains(ERROR_TITLE);
        assertThat(customer.policyViolations()).as("the widget needs nothing the page's policy blocks").isEmpty();
    }

    private static SearchContext widget(WebDriver driver) {
        return driver.findElement(By.cssSelector("div[data-kefu-chat]")).getShadowRoot();
    }
}
