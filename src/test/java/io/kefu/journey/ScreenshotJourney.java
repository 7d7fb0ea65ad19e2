package io.kefu.journey;

import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.util.LinkedMultiValueMap;

import io.kefu.chat.AttachmentService;
import io.kefu.knowledge.KnowledgeService;
import io.kefu.testing.TestArticles;
import io.kefu.testing.TestImages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Screenshots in the ticket path, with the real PP-OCR engine: a customer sends only a screenshot
 * of an error dialog (rendered here) through the REST channel, the lifecycle reads it before
 * triage, triage classifies its text and the knowledge-base bot answers with the article about that
 * error; the agent's API shows the text and each line's confidence. A hostile image (a PNG whose
 * header announces 100000×100000 pixels) is refused with its reason while the ticket goes on, and a
 * truncated one on a later message is refused by the background reader. WebP screenshots, lossy and
 * lossless as Chromium encodes them, are accepted, read and get a thumbnail. Subclasses run it on H2
 * and on real MariaDB.
 */
abstract class ScreenshotJourney {

    static final String ERROR_TITLE = "Error E1043: card verification timed out";

    @Autowired
    TestRestTemplate http;

    @Autowired
    KnowledgeService knowledge;

    @Autowired
    AttachmentService attachments;

    static final List<Long> articles = new java.util.ArrayList<>();
    static long errorArticle;

    /** User name and password of an agent holding every queue. */
    abstract String[] agent();

    static void commonProperties(DynamicPropertyRegistry registry) {
        registry.add("kefu.lifecycle.soothe.after", () -> "PT1H");
        // The first read loads the models, and a 2-core box shared with other builds reads slowly:
        // generous bounds here, the read still ending within the job's lock time.
        registry.add("kefu.ocr.timeout", () -> "PT90S");
        registry.add("camunda.bpm.job-execution.lock-time-in-millis", () -> "150000");
    }

    @BeforeAll
    static void noArticlesYet() {
        articles.clear();
    }

    @AfterAll
    static void forget() {
        articles.clear();
    }

    private void publishArticles() {
        if (!articles.isEmpty()) {
            return;
        }
        errorArticle = TestArticles.published(knowledge, "en", ERROR_TITLE,
                "Error E1043 means your bank did not confirm the card within 30 seconds. Nothing was charged. "
                        + "Wait five minutes and pay again, or choose another card or Alipay.",
                "payment", "card", "E1043");
        articles.add(errorArticle);
        articles.add(TestArticles.published(knowledge, "en", "Changing your delivery address",
                "Before the order ships, edit the address under My orders."));
        articles.add(TestArticles.published(knowledge, "en", "Getting an invoice",
                "Open the order and choose Request invoice; we e-mail a PDF."));
        articles.add(TestArticles.published(knowledge, "en", "How to reset your password",
                "Open Settings, Security, choose Reset password and follow the link we e-mail you."));
    }

    @Test
    void aCustomerWhoSendsOnlyAScreenshotOfAKnownErrorIsAnsweredByTheBotWithTheMatchingArticle() throws IOException {
        publishArticles();
        TestRestTemplate api = http.withBasicAuth(agent()[0], agent()[1]);
        String customer = customer(api, "shot");

        ResponseEntity<JsonNode> posted = send(api, customer, "error.png", TestImages.png(TestImages.errorDialog(ERROR_TITLE)), null);
        assertThat(posted.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        long ticketId = posted.getBody().get("ticketId").asLong();

        JsonNode answered = awaitTicketLeaving(api, ticketId, "NEW");
        assertThat(answered.get("status").asText()).as(() -> api.getForObject("/api/tickets/" + ticketId + "/messages",
                JsonNode.class).toPrettyString()).isEqualTo("BOT_ANSWERED");
        assertThat(answered.get("botArticleId").asLong()).isEqualTo(errorArticle);
        assertThat(answered.get("classification").get("language").asText()).isEqualTo("en");
        assertThat(answered.get("classification").get("intents")).as("intents from the image's text").isNotEmpty();
        JsonNode transcript = api.getForObject("/api/tickets/" + ticketId + "/messages", JsonNode.class);
        assertThat(transcript.findValuesAsText("direction")).containsExactly("INBOUND", "OUTBOUND");
        assertThat(transcript.get(0).get("body").asText()).as("the message is the file alone").isEqualTo("error.png");
        JsonNode read = transcript.get(0).get("attachments").get(0).get("recognizedText");
        assertThat(read.get("status").asText()).isEqualTo("READ");
        assertThat(read.get("text").asText()).contains("Error E1043: card verification timed out")
                .as("no space inside a word").contains("Payment failed", "ShopMall Checkout");
        assertThat(read.get("lines")).hasSizeGreaterThanOrEqualTo(3);
        read.get("lines").forEach(line -> assertThat(line.get("confidence").asDouble()).isBetween(0.5, 1.0));
        assertThat(read.get("millis").isNumber()).as("how long the read took is kept").isTrue();
        assertThat(transcript.get(1).get("author").asText()).isEqualTo("bot");
        assertThat(transcript.get(1).get("body").asText()).startsWith(ERROR_TITLE);
    }

    @Test
    void aHostileImageIsRefusedWithItsReasonWhileTheTicketGoesOnAndATruncatedOneLaterToo() throws IOException {
        TestRestTemplate api = http.withBasicAuth(agent()[0], agent()[1]);
        String customer = customer(api, "bomb");

        long ticketId = send(api, customer, "screen.png", TestImages.pngWithHeader(100_000, 100_000),
                "The app crashes with an error every time I log in").getBody().get("ticketId").asLong();

        JsonNode routed = awaitTicket(api, ticketId, "QUEUED");
        assertThat(routed.get("topic").asText()).as("triaged on the message's own text").isEqualTo("TECHNICAL");
        JsonNode bomb = api.getForObject("/api/tickets/" + ticketId + "/messages", JsonNode.class).get(0)
                .get("attachments").get(0).get("recognizedText");
        assertThat(bomb.get("status").asText()).isEqualTo("REFUSED");
        assertThat(bomb.get("reason").asText()).contains("100000×100000").contains("decompression bomb");
        assertThat(bomb.get("text").asText()).isEmpty();

        byte[] whole = TestImages.png(TestImages.errorDialog(ERROR_TITLE));
        send(api, customer, "cut.png", Arrays.copyOf(whole, whole.length / 2), "and now this");
        await().atMost(Duration.ofSeconds(240)).until(() -> status(api, ticketId, 1).equals("REFUSED"));
        JsonNode cut = api.getForObject("/api/tickets/" + ticketId + "/messages", JsonNode.class).get(1)
                .get("attachments").get(0).get("recognizedText");
        assertThat(cut.get("reason").asText()).startsWith("Truncated or corrupt");
        assertThat(api.getForObject("/api/tickets/" + ticketId, JsonNode.class).get("status").asText())
                .isEqualTo("QUEUED");
    }

    @Test
    void webpScreenshotsLossyAndLosslessAreAcceptedReadAndGetAThumbnail() throws IOException {
        assumeTrue(TestImages.webpEncoderInstalled(), "Chromium encodes the test's WebP");
        TestRestTemplate api = http.withBasicAuth(agent()[0], agent()[1]);
        byte[] lossy = TestImages.webp(TestImages.errorDialog(ERROR_TITLE), 0.8);
        byte[] lossless = TestImages.webp(TestImages.errorDialog("Error E2207: address not deliverable"), 1.0);

        ResponseEntity<JsonNode> posted = send(api, customer(api, "webp-lossy"), "error.webp", lossy, null);
        assertThat(posted.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        long lossyTicket = posted.getBody().get("ticketId").asLong();
        long losslessTicket = send(api, customer(api, "webp-lossless"), "address.webp", lossless,
                "This comes up when I change the address").getBody().get("ticketId").asLong();
        await().atMost(Duration.ofSeconds(240)).until(() -> read(api, lossyTicket, "error.webp") != null);
        await().atMost(Duration.ofSeconds(240)).until(() -> read(api, losslessTicket, "address.webp") != null);

        JsonNode first = read(api, lossyTicket, "error.webp");
        assertThat(first.get("contentType").asText()).isEqualTo("image/webp");
        assertThat(first.get("recognizedText").get("text").asText()).contains(ERROR_TITLE);
        JsonNode second = read(api, losslessTicket, "address.webp");
        assertThat(second.get("contentType").asText()).isEqualTo("image/webp");
        assertThat(second.get("recognizedText").get("text").asText()).contains("Error E2207: address not deliverable");
        for (JsonNode attachment : List.of(first, second)) {
            AttachmentService.Stored stored = attachments.find(attachment.get("id").asLong()).orElseThrow();
            java.awt.image.BufferedImage thumbnail = javax.imageio.ImageIO.read(
                    new java.io.ByteArrayInputStream(attachments.read(stored, true)));
            assertThat(thumbnail).as("a PNG thumbnail").isNotNull();
            assertThat(thumbnail.getWidth()).isEqualTo(240);
            assertThat(thumbnail.getHeight()).isEqualTo(150);
        }
    }

    /** The ticket's attachment of this name once it is READ, else null. */
    private static JsonNode read(TestRestTemplate api, long ticketId, String name) {
        for (JsonNode message : api.getForObject("/api/tickets/" + ticketId + "/messages", JsonNode.class)) {
            for (JsonNode attachment : message.get("attachments")) {
                if (attachment.get("name").asText().equals(name)) {
                    String status = attachment.get("recognizedText").get("status").asText();
                    assertThat(status).as(name).isIn("PENDING", "READING", "READ");
                    return status.equals("READ") ? attachment : null;
                }
            }
        }
        return null;
    }

    private String status(TestRestTemplate api, long ticketId, int message) {
        JsonNode transcript = api.getForObject("/api/tickets/" + ticketId + "/messages", JsonNode.class);
        return transcript.size() <= message ? ""
                : transcript.get(message).get("attachments").get(0).get("recognizedText").get("status").asText();
    }

    private static String customer(TestRestTemplate api, String prefix) {
        String customer = prefix + "-" + System.nanoTime();
        api.postForEntity("/api/customers", Map.of("externalId", customer, "name", "Amy", "tier", "STANDARD"),
                JsonNode.class);
        return customer;
    }

    private static ResponseEntity<JsonNode> send(TestRestTemplate api, String customer, String fileName, byte[] bytes,
            String text) {
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
        return api.postForEntity("/api/messages", new HttpEntity<>(form, headers), JsonNode.class);
    }

    private static JsonNode awaitTicket(TestRestTemplate api, long ticketId, String status) {
        await().atMost(Duration.ofSeconds(240)).until(
                () -> status.equals(api.getForObject("/api/tickets/" + ticketId, JsonNode.class).get("status").asText()));
        return api.getForObject("/api/tickets/" + ticketId, JsonNode.class);
    }

    private static JsonNode awaitTicketLeaving(TestRestTemplate api, long ticketId, String status) {
        await().atMost(Duration.ofSeconds(240)).until(() -> !status.equals(
                api.getForObject("/api/tickets/" + ticketId, JsonNode.class).get("status").asText()));
        return api.getForObject("/api/tickets/" + ticketId, JsonNode.class);
    }
}
