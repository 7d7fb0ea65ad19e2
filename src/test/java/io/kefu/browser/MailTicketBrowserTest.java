package io.kefu.browser;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.Properties;

import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.kefu.mail.MailServers;
import io.kefu.testing.H2Database;
import io.kefu.testing.TestImages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The agent's ticket page in real Chromium shows a customer's e-mail (read from a real IMAP
 * mailbox) like a chat message: its text, the photo inline as a thumbnail, the attached file as a
 * link, with the ticket on channel EMAIL; in English and Chinese.
 */
@EnabledIf("io.kefu.browser.BrowserSession#wanted")
@H2Database("browser-mail")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class MailTicketBrowserTest {

    static final MailServers SERVERS = new MailServers();

    @RegisterExtension
    static final BrowserSession chromium = new BrowserSession("1280,1000");

    @Autowired
    TestRestTemplate http;

    @Autowired
    JdbcClient jdbc;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("kefu.mail.imap-url", SERVERS::imapUrl);
        registry.add("kefu.mail.smtp-url", SERVERS::smtpUrl);
        registry.add("kefu.mail.address", () -> MailServers.SUPPORT);
        registry.add("kefu.mail.poll-interval", () -> "PT0.2S");
        // The photo's text is not what this page test is about; reading it costs a minute here.
        registry.add("kefu.ocr.enabled", () -> "false");
    }

    @Test
    void theAgentSeesTheCustomersEmailWithItsPhotoAndFileOnTheTicketPage() throws Exception {
        String address = "wang.fang." + System.nanoTime() + "@customer.test";
        SERVERS.deliver(email(address));
        await().atMost(Duration.ofSeconds(60)).until(() -> jdbc.sql("""
                SELECT COUNT(*) FROM ticket t JOIN customer c ON c.id = t.customer_id WHERE c.external_id = ?""")
                .param("mail:" + address).query(Long.class).single() > 0);
        long ticketId = jdbc.sql("SELECT t.id FROM ticket t JOIN customer c ON c.id = t.customer_id WHERE c.external_id = ?")
                .param("mail:" + address).query(Long.class).single();
        JsonNode ticket = http.withBasicAuth("demo", "demo").getForObject("/api/tickets/" + ticketId, JsonNode.class);
        assertThat(ticket.get("channel").asText()).isEqualTo("EMAIL");

        WebDriver browser = chromium.driver();
        browser.get(chromium.url("/workspace/tickets/" + ticketId + "?lang=en"));
        if (browser.getCurrentUrl().contains("/login")) {
            chromium.signIn("demo", "demo");
            browser.get(chromium.url("/workspace/tickets/" + ticketId + "?lang=en"));
        }
        BrowserSession.waitOn(browser, Duration.ofSeconds(30))
                .until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("ul.attachments img")));
        String page = browser.findElement(By.tagName("body")).getText();
        assertThat(page).contains("The screen arrived broken, photo below and the receipt attached.", "receipt.txt",
                "Wang Fang");
        assertThat(browser.findElement(By.cssSelector("ul.attachments img")).getAttribute("alt")).isEqualTo("screen.png");
        Object loaded = ((org.openqa.selenium.JavascriptExecutor) browser).executeScript(
                "const i = document.querySelector('ul.attachments img'); return i.complete && i.naturalWidth > 0;");
        assertThat(loaded).as("the thumbnail is served").isEqualTo(true);
        assertThat(browser.findElement(By.cssSelector("ul.identities")).getText()).as("reached on the e-mail address")
                .contains(address).doesNotContain("mail:");
        scrollToTranscript(browser);
        chromium.screenshot("mail-ticket-transcript");

        browser.get(chromium.url("/workspace/tickets/" + ticketId + "?lang=zh"));
        BrowserSession.waitOn(browser, Duration.ofSeconds(30))
                .until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("ul.attachments img")));
        assertThat(browser.findElement(By.tagName("body")).getText()).contains("receipt.txt");
        scrollToTranscript(browser);
        chromium.screenshot("mail-ticket-transcript-zh");
    }

    private static void scrollToTranscript(WebDriver browser) {
        ((org.openqa.selenium.JavascriptExecutor) browser).executeScript(
                "document.querySelector('ul.attachments').scrollIntoView({block: 'center'});");
    }

    /** An Apple-Mail-like message: text, an inline photo with a Content-ID, a text file attached. */
    static byte[] email(String from) throws Exception {
        MimeMessage message = new MimeMessage(Session.getInstance(new Properties()));
        message.setFrom(new InternetAddress(from, "Wang Fang", "UTF-8"));
        message.setRecipients(Message.RecipientType.TO, MailServers.SUPPORT);
        message.setSubject("Broken screen 屏幕碎了", "UTF-8");
        MimeBodyPart text = new MimeBodyPart();
        text.setText("The screen arrived broken, photo below and the receipt attached.", "UTF-8");
        MimeBodyPart photo = new MimeBodyPart();
        photo.setDataHandler(new jakarta.activation.DataHandler(new ByteArrayDataSource(
                TestImages.png(TestImages.errorDialog("Screen cracked on arrival")), "image/png")));
        photo.setFileName("screen.png");
        photo.setContentID("<photo1@customer.test>");
        photo.setDisposition(MimeBodyPart.INLINE);
        MimeBodyPart receipt = new MimeBodyPart();
        receipt.setText("Receipt 4711: 1299.00 CNY", "UTF-8");
        receipt.setFileName("receipt.txt");
        receipt.setDisposition(MimeBodyPart.ATTACHMENT);
        MimeMultipart mixed = new MimeMultipart("mixed");
        mixed.addBodyPart(text);
        mixed.addBodyPart(photo);
        mixed.addBodyPart(receipt);
        message.setContent(mixed);
        message.saveChanges();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        message.writeTo(out);
        return out.toByteArray();
    }
}
