package io.kefu.browser;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

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
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.LinkedMultiValueMap;

import io.kefu.testing.H2Database;
import io.kefu.testing.TestImages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The agent's ticket page in real Chromium shows the text the real PP-OCR engine read in a
 * customer's screenshot beside its thumbnail, with its confidence, in English and Chinese, and the
 * reason a hostile image was refused.
 */
@EnabledIf("io.kefu.browser.BrowserSession#wanted")
@H2Database("browser-ocr")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ScreenshotTranscriptBrowserTest {

    @RegisterExtension
    static final BrowserSession chromium = new BrowserSession("1280,1000");

    @Autowired
    TestRestTemplate http;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        // the first read loads the models; a shared 2-core box reads slowly
        registry.add("kefu.ocr.timeout", () -> "PT90S");
        registry.add("camunda.bpm.job-execution.lock-time-in-millis", () -> "150000");
    }

    @Test
    void theAgentSeesTheScreenshotsTextBesideItsThumbnailAndARefusedImagesReason() throws IOException {
        TestRestTemplate api = http.withBasicAuth("demo", "demo");
        String customer = "ocr-page-" + System.nanoTime();
        api.postForEntity("/api/customers", Map.of("externalId", customer, "name", "Amy", "tier", "STANDARD"),
                JsonNode.class);
        long ticketId = send(api, customer, "error.png",
                TestImages.png(TestImages.errorDialog("Error E1043: card verification timed out")), null)
                .get("ticketId").asLong();
        send(api, customer, "huge.png", TestImages.pngWithHeader(100_000, 100_000), "and this one");
        await().atMost(Duration.ofSeconds(240)).until(() -> statuses(api, ticketId).equals(List.of("READ", "REFUSED")));

        WebDriver browser = chromium.driver();
        browser.get(chromium.url("/workspace/tickets/" + ticketId + "?lang=en"));
        if (browser.getCurrentUrl().contains("/login")) {
            chromium.signIn("demo", "demo");
            browser.get(chromium.url("/workspace/tickets/" + ticketId + "?lang=en"));
        }
        BrowserSession.waitOn(browser, Duration.ofSeconds(30))
                .until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("figure.ocr[data-status=READ]")));
        String read = browser.findElement(By.cssSelector("figure.ocr[data-status=READ]")).getText();
        assertThat(read).contains("Text in the image", "mean confidence", "Error E1043: card verification timed out");
        assertThat(browser.findElement(By.cssSelector("figure.ocr[data-status=REFUSED]")).getText())
                .contains("Image refused, not read", "decompression bomb");
        chromium.screenshot("ocr-ticket-transcript");

        browser.get(chromium.url("/workspace/tickets/" + ticketId + "?lang=zh"));
        BrowserSession.waitOn(browser, Duration.ofSeconds(30))
                .until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("figure.ocr[data-status=READ]")));
        assertThat(browser.findElement(By.cssSelector("figure.ocr[data-status=READ]")).getText())
                .contains("图片中的文字", "平均置信度");
        chromium.screenshot("ocr-ticket-transcript-zh");
    }

    private static List<String> statuses(TestRestTemplate api, long ticketId) {
        JsonNode messages = api.getForObject("/api/tickets/" + ticketId + "/messages", JsonNode.class);
        return messages.findValues("recognizedText").stream().map(t -> t.get("status").asText()).toList();
    }

    private static JsonNode send(TestRestTemplate api, String customer, String fileName, byte[] bytes, String text) {
        LinkedMultiValueMap<String, Object> form = new LinkedMultiValueMap<>();
        form.add("channel", "web");
        form.add("customerExternalId", customer);
        if (text != null) {
            form.add("text", text);
        }
        form.add("file", new ByteArrayResource(bytes) {
            @Override
            public String getFilename() {
                return fileName;
            }
        });
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.MULTIPART_FORM_DATA);
        return api.postForObject("/api/messages", new HttpEntity<>(form, headers), JsonNode.class);
    }
}
