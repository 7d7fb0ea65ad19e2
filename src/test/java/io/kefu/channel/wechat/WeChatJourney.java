package io.kefu.channel.wechat;

import java.time.Duration;
import java.time.Instant;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;

import io.kefu.channel.callback.WxBizMsgCrypt;
import io.kefu.testing.MessengerJourney;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The Official Account journey against a loopback server playing the platform's API: a signed
 * callback becomes a ticket, the agent's reply reaches the platform's customer-service message API
 * (after the platform was down for two attempts) through the shared outbound queue, a long reply
 * arrives in parts in order, a refusal no retry can fix ends as REFUSED and a platform that stays
 * down as FAILED, a repeated message id is stored once, a bad
 * signature or a replayed nonce is refused and audited, safe mode decrypts, and a reply outside
 * the 48-hour window is refused with a clear message and stores nothing.
 */
abstract class WeChatJourney extends MessengerJourney {

    static final String TOKEN = "journey-token";
    static final String APP_ID = "wxjourney0000001";
    static final String SECRET = "journey-secret-" + UUID.randomUUID();
    static final String AES_KEY = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";
    static final int MAX_ATTEMPTS = 4;
    static final FakeWeChatPlatform PLATFORM = new FakeWeChatPlatform(APP_ID, SECRET);

    @Autowired
    WeChatHealth health;

    @Autowired
    io.kefu.chat.AttachmentService attachments;

    @Autowired
    io.kefu.ticket.TicketService tickets;

    @Override
    protected String callbackAudit() {
        return "channel.wechat.callback";
    }

    static void weChatProperties(DynamicPropertyRegistry registry) {
        registry.add("kefu.wechat.token", () -> TOKEN);
        registry.add("kefu.wechat.app-id", () -> APP_ID);
        registry.add("kefu.wechat.app-secret", () -> SECRET);
        registry.add("kefu.wechat.aes-key", () -> AES_KEY);
        registry.add("kefu.wechat.account-id", () -> "gh_journey");
        registry.add("kefu.wechat.api-base", PLATFORM::base);
        registry.add("kefu.wechat.max-attempts", () -> MAX_ATTEMPTS);
        // The bot's "an agent will be with you shortly" would be sent too; these journeys count the agent's replies.
        registry.add("kefu.lifecycle.soothe.after", () -> "PT1H");
    }

    @Test
    void aCustomersMessageBecomesATicketAndTheAgentsReplyReachesThePlatformOnce() {
        String openId = "oJourney" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
        String msgId = String.valueOf(System.nanoTime());
        String xml = textMessage(openId, msgId, "The app crashes with an error every time I log in");

        ResponseEntity<String> first = postPlain(xml, nonce());
        assertThat(first.getStatusCode().value()).isEqualTo(200);
        assertThat(first.getBody()).isEqualTo("success");
        assertThat(postPlain(xml, nonce()).getBody()).as("the platform's retry of the same message").isEqualTo("success");

        long ticketId = ticketOf(openId);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM message WHERE ticket_id = ? AND direction = 'INBOUND'")
                .param(ticketId).query(Long.class).single()).as("stored once").isEqualTo(1);
        JsonNode ticket = awaitStatus(ticketId, "QUEUED");
        assertThat(ticket.get("channel").asText()).isEqualTo("WECHAT");
        assertThat(ticket.get("customerExternalId").asText()).isEqualTo("wx-" + openId);

        PLATFORM.failNext(2);
        int sentBefore = PLATFORM.sent().size();
        api().postForObject("/api/tickets/" + ticketId + "/claim", null, JsonNode.class);
        ResponseEntity<JsonNode> reply = api().postForEntity("/api/tickets/" + ticketId + "/replies",
                Map.of("text", "Sorry about that — please update to 2.3.1, 您好"), JsonNode.class);
        assertThat(reply.getStatusCode().is2xxSuccessful()).as(String.valueOf(reply.getBody())).isTrue();

        await().atMost(Duration.ofSeconds(60)).until(() -> PLATFORM.sent().size() > sentBefore);
        JsonNode sent = read(PLATFORM.sent().get(sentBefore).body());
        assertThat(sent.get("touser").asText()).isEqualTo(openId);
        assertThat(sent.get("msgtype").asText()).isEqualTo("text");
        assertThat(sent.at("/text/content").asText()).isEqualTo("Sorry about that — please update to 2.3.1, 您好");
        await().atMost(Duration.ofSeconds(10)).until(() -> queued(openId), List.of("SENT/3/0")::equals);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                .until(() -> sentTo(openId).size() == 1);
    }

    @Test
    void aLongReplyArrivesInPartsOfAtMost2048BytesCutAtLineBreaksInOrder() {
        String openId = "oLong" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
        assertThat(postPlain(textMessage(openId, String.valueOf(System.nanoTime()), "发票抬头开错了，请帮我重开"), nonce())
                .getBody()).isEqualTo("success");
        long ticketId = ticketOf(openId);
        awaitStatus(ticketId, "QUEUED");
        api().postForObject("/api/tickets/" + ticketId + "/claim", null, JsonNode.class);
        // Three paragraphs of 1,800 bytes each: 5,402 bytes; the platform refuses a text over 2,048 (45002).
        List<String> paragraphs = List.of("第一段。".repeat(150), "第二段。".repeat(150), "第三段。".repeat(150));
        assertThat(api().postForEntity("/api/tickets/" + ticketId + "/replies",
                Map.of("text", String.join("\n", paragraphs)), JsonNode.class).getStatusCode().is2xxSuccessful()).isTrue();

        await().atMost(Duration.ofSeconds(60)).until(() -> sentTo(openId).size() == 3);
        assertThat(sentTo(openId)).extracting(n -> n.at("/text/content").asText()).as("cut at the line breaks, in order")
                .containsExactlyElementsOf(paragraphs);
        await().atMost(Duration.ofSeconds(10)).until(() -> queued(openId),
                List.of("SENT/1/0", "SENT/1/1", "SENT/1/2")::equals);
    }

    @Test
    void aRefusalNoRetryCanFixEndsTheReplyAsRefusedAndAPlatformThatStaysDownAsFailed() {
        String openId = "oGone" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
        assertThat(postPlain(textMessage(openId, String.valueOf(System.nanoTime()), "My order never arrived"), nonce())
                .getBody()).isEqualTo("success");
        long ticketId = ticketOf(openId);
        awaitStatus(ticketId, "QUEUED");
        api().postForObject("/api/tickets/" + ticketId + "/claim", null, JsonNode.class);

        PLATFORM.unfollow(openId);
        assertThat(api().postForEntity("/api/tickets/" + ticketId + "/replies", Map.of("text", "It is on its way"),
                JsonNode.class).getStatusCode().is2xxSuccessful()).isTrue();
        await().atMost(Duration.ofSeconds(30)).until(() -> queued(openId), List.of("REFUSED/1/0")::equals);
        assertThat(jdbc.sql("SELECT last_error FROM channel_outbound WHERE channel = 'WECHAT' AND recipient = ?")
                .param(openId).query(String.class).single()).isEqualTo("errcode 43004");

        // The platform down for longer than max-attempts (4 in these journeys): given up, kept with its error.
        String other = "oDown" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
        assertThat(postPlain(textMessage(other, String.valueOf(System.nanoTime()), "Where is my parcel?"), nonce())
                .getBody()).isEqualTo("success");
        long otherTicket = ticketOf(other);
        awaitStatus(otherTicket, "QUEUED");
        api().postForObject("/api/tickets/" + otherTicket + "/claim", null, JsonNode.class);
        PLATFORM.failNext(MAX_ATTEMPTS);
        assertThat(api().postForEntity("/api/tickets/" + otherTicket + "/replies", Map.of("text", "Tomorrow"),
                JsonNode.class).getStatusCode().is2xxSuccessful()).isTrue();
        await().atMost(Duration.ofSeconds(60)).until(() -> queued(other), List.of("FAILED/4/0")::equals);
        assertThat(jdbc.sql("SELECT last_error FROM channel_outbound WHERE channel = 'WECHAT' AND recipient = ?")
                .param(other).query(String.class).single()).contains("500");
        assertThat(sentTo(other)).isEmpty();
    }

    @Test
    void safeModeMessagesAreDecryptedAndAVoiceMessageKeepsItsRecognition() {
        String openId = "oSafe" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
        String inner = "<xml><ToUserName><![CDATA[gh_journey]]></ToUserName><FromUserName><![CDATA[" + openId
                + "]]></FromUserName><CreateTime>" + now() + "</CreateTime><MsgType><![CDATA[voice]]></MsgType>"
                + "<MediaId><![CDATA[media-1]]></MediaId><Format><![CDATA[amr]]></Format>"
                + "<Recognition><![CDATA[我的订单还没有发货]]></Recognition><MsgId>" + System.nanoTime() + "</MsgId></xml>";
        String encrypted = new WxBizMsgCrypt(AES_KEY, APP_ID).encrypt("0123456789abcdef", inner);
        String timestamp = now();
        String nonce = nonce();
        String body = "<xml><ToUserName><![CDATA[gh_journey]]></ToUserName><Encrypt><![CDATA[" + encrypted
                + "]]></Encrypt></xml>";
        String msgSignature = WxBizMsgCrypt.signature(TOKEN, timestamp, nonce, encrypted);
        ResponseEntity<String> answer = post("/channels/wechat?encrypt_type=aes&timestamp=" + timestamp + "&nonce=" + nonce
                + "&signature=" + WxBizMsgCrypt.signature(TOKEN, timestamp, nonce) + "&msg_signature=" + msgSignature, body);
        assertThat(answer.getBody()).isEqualTo("success");
        long ticketId = ticketOf(openId);
        assertThat(jdbc.sql("SELECT body FROM message WHERE ticket_id = ?").param(ticketId).query(String.class).single())
                .isEqualTo("[voice] 我的订单还没有发货");

        // The same ciphertext under a signature of one changed character: refused.
        String tampered = encrypted.substring(0, 10) + (encrypted.charAt(10) == 'A' ? 'B' : 'A') + encrypted.substring(11);
        String otherNonce = nonce();
        ResponseEntity<String> refused = post("/channels/wechat?encrypt_type=aes&timestamp=" + timestamp + "&nonce="
                + otherNonce + "&msg_signature=" + msgSignature, body.replace(encrypted, tampered));
        assertThat(refused.getStatusCode().value()).isEqualTo(401);
    }

    @Test
    void badSignaturesStaleTimestampsAndReplayedNoncesAreRefusedAndAudited() {
        String openId = "oBad" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
        String xml = textMessage(openId, String.valueOf(System.nanoTime()), "hello");
        long auditsBefore = audits();
        String timestamp = now();
        String nonce = nonce();

        assertThat(post("/channels/wechat?timestamp=" + timestamp + "&nonce=" + nonce + "&signature="
                + WxBizMsgCrypt.signature("wrong-token", timestamp, nonce), xml).getStatusCode().value()).isEqualTo(401);
        assertThat(post("/channels/wechat?timestamp=" + timestamp + "&nonce=" + nonce, xml).getStatusCode().value())
                .as("no signature").isEqualTo(401);
        String stale = String.valueOf(Instant.now().minus(Duration.ofMinutes(10)).getEpochSecond());
        assertThat(post("/channels/wechat?timestamp=" + stale + "&nonce=" + nonce + "&signature="
                + WxBizMsgCrypt.signature(TOKEN, stale, nonce), xml).getStatusCode().value()).as("stale").isEqualTo(401);
        assertThat(customerStored(openId)).as("nothing stored for refused callbacks").isFalse();

        // The very request the platform sent, accepted once, then replayed as it was.
        String signed = "/channels/wechat?timestamp=" + timestamp + "&nonce=" + nonce + "&signature="
                + WxBizMsgCrypt.signature(TOKEN, timestamp, nonce);
        assertThat(post(signed, xml).getStatusCode().value()).isEqualTo(200);
        ResponseEntity<String> replay = post(signed, xml);
        assertThat(replay.getStatusCode().value()).as("replayed nonce").isEqualTo(401);
        assertThat(audits() - auditsBefore).isEqualTo(4);

        // URL verification: echostr back for the right signature only.
        String ts = now();
        String n = nonce();
        assertThat(http.getForEntity("/channels/wechat?signature=" + WxBizMsgCrypt.signature(TOKEN, ts, n) + "&timestamp="
                + ts + "&nonce=" + n + "&echostr=echo-123", String.class).getBody()).isEqualTo("echo-123");
        assertThat(http.getForEntity("/channels/wechat?signature=0000&timestamp=" + ts + "&nonce=" + nonce()
                + "&echostr=echo-123", String.class).getStatusCode().value()).isEqualTo(401);
    }

    @Test
    void aSignedMessageForAnotherAccountAndUnsignedGarbageAreRefusedBeforeAnythingIsStored() {
        String openId = "oElse" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
        String elsewhere = textMessage(openId, String.valueOf(System.nanoTime()), "hello")
                .replace("gh_journey", "gh_someone_else");
        ResponseEntity<String> other = postPlain(elsewhere, nonce());
        assertThat(other.getStatusCode().value()).isEqualTo(400);
        assertThat(other.getBody()).contains("ToUserName is not this account");
        assertThat(customerStored(openId)).isFalse();

        String timestamp = now();
        assertThat(post("/channels/wechat?timestamp=" + timestamp + "&nonce=" + nonce() + "&signature=0000",
                "<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><xml>&e;</xml>").getStatusCode().value())
                .as("an unsigned body is refused for its signature, unread").isEqualTo(401);
        assertThat(post("/channels/wechat?timestamp=" + timestamp + "&nonce=" + nonce() + "&msg_signature=0000",
                textMessage(openId, "1", "no Encrypt field")).getStatusCode().value())
                .as("msg_signature with nothing encrypted to check it on").isEqualTo(401);
        ResponseEntity<String> notXml = postPlain("this is not xml", nonce());
        assertThat(notXml.getStatusCode().value()).as("signed but not the platform's XML").isEqualTo(400);
        assertThat(customerStored(openId)).isFalse();
    }

    @Test
    void aReplyOutsideThe48HourWindowIsRefusedWithAClearMessage() {
        String openId = "oLate" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
        assertThat(postPlain(textMessage(openId, String.valueOf(System.nanoTime()), "Where is my parcel? It never arrived"),
                nonce()).getBody()).isEqualTo("success");
        long ticketId = ticketOf(openId);
        awaitStatus(ticketId, "QUEUED");
        jdbc.sql("UPDATE wechat_contact SET last_inbound_at = ? WHERE open_id = ?")
                .params(java.sql.Timestamp.from(Instant.now().minus(Duration.ofHours(49))), openId).update();
        api().postForObject("/api/tickets/" + ticketId + "/claim", null, JsonNode.class);

        ResponseEntity<String> reply = api().postForEntity("/api/tickets/" + ticketId + "/replies",
                Map.of("text", "Your parcel is on its way"), String.class);
        assertThat(reply.getStatusCode().value()).isEqualTo(409);
        assertThat(reply.getBody()).contains("within 48 hours");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM message WHERE ticket_id = ? AND direction = 'OUTBOUND' AND author <> 'bot'")
                .param(ticketId).query(Long.class).single()).as("nothing stored").isZero();
        assertThat(queued(openId)).as("nothing queued").isEmpty();
    }

    @Test
    void healthIsUpWhileTheAccessTokenCanBeFetched() {
        org.springframework.boot.actuate.health.Health answer = health.health();
        assertThat(answer.getStatus()).isEqualTo(org.springframework.boot.actuate.health.Status.UP);
        assertThat(answer.getDetails()).containsKey("tokenExpiresAt");
        assertThat(answer.getDetails().toString()).doesNotContain(SECRET);
        int issued = PLATFORM.tokensIssued();
        health.health();
        assertThat(PLATFORM.tokensIssued()).as("the token is cached").isEqualTo(issued);
    }

    // --- helpers

    @Test
    void anAgentsImageGoesAsAnImageMessageAndAPdfAsItsName() throws Exception {
        String openId = "oFiles" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
        assertThat(postPlain(textMessage(openId, String.valueOf(System.nanoTime()), "屏幕上出现错误，请告诉我怎么办"),
                nonce()).getBody()).isEqualTo("success");
        long ticketId = ticketOf(openId);
        awaitStatus(ticketId, "QUEUED");
        int uploadsBefore = PLATFORM.uploads().size();
        byte[] image = png();
        attachments.fromAgent(tickets.get(ticketId), "demo", "steps.png", image, null);
        attachments.fromAgent(tickets.get(ticketId), "demo", "invoice.pdf", PDF, null);

        await().atMost(Duration.ofSeconds(60)).until(() -> sentTo(openId).size() == 2);
        List<JsonNode> sent = sentTo(openId);
        assertThat(sent.get(0).get("msgtype").asText()).isEqualTo("image");
        assertThat(sent.get(0).at("/image/media_id").asText()).isEqualTo("media-" + uploadsBefore);
        assertThat(PLATFORM.uploads()).hasSize(uploadsBefore + 1);
        assertThat(PLATFORM.uploads().get(uploadsBefore).type()).isEqualTo("image");
        assertThat(PLATFORM.uploads().get(uploadsBefore).bytes()).isEqualTo(image);
        assertThat(sent.get(1).get("msgtype").asText()).as("a PDF is no image message: its name").isEqualTo("text");
        assertThat(sent.get(1).at("/text/content").asText()).isEqualTo("invoice.pdf");
    }

    static byte[] png() {
        try {
            java.awt.image.BufferedImage image = new java.awt.image.BufferedImage(40, 20, java.awt.image.BufferedImage.TYPE_INT_RGB);
            image.setRGB(3, 4, 0xff0000);
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            javax.imageio.ImageIO.write(image, "png", out);
            return out.toByteArray();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static final byte[] PDF = "%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);

    static String textMessage(String openId, String msgId, String text) {
        return "<xml><ToUserName><![CDATA[gh_journey]]></ToUserName><FromUserName><![CDATA[" + openId
                + "]]></FromUserName><CreateTime>" + now() + "</CreateTime><MsgType><![CDATA[text]]></MsgType>"
                + "<Content><![CDATA[" + text + "]]></Content><MsgId>" + msgId + "</MsgId></xml>";
    }

    ResponseEntity<String> postPlain(String xml, String nonce) {
        String timestamp = now();
        return post("/channels/wechat?signature=" + WxBizMsgCrypt.signature(TOKEN, timestamp, nonce) + "&timestamp="
                + timestamp + "&nonce=" + nonce + "&openid=x", xml);
    }

    ResponseEntity<String> post(String url, String xml) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.TEXT_XML);
        return http.exchange(url, HttpMethod.POST, new HttpEntity<>(xml, headers), String.class);
    }

    static String now() {
        return String.valueOf(Instant.now().getEpochSecond());
    }

    static String nonce() {
        return String.valueOf(Math.abs(UUID.randomUUID().getMostSignificantBits()));
    }

    /** What the shared queue holds for the openid: status/attempts/part, in order. */
    List<String> queued(String openId) {
        return jdbc.sql("SELECT status, attempts, part FROM channel_outbound WHERE channel = 'WECHAT' AND recipient = ? ORDER BY id")
                .param(openId).query((rs, n) -> rs.getString(1) + "/" + rs.getInt(2) + "/" + rs.getInt(3)).list();
    }

    List<JsonNode> sentTo(String openId) {
        return PLATFORM.sent().stream().map(s -> read(s.body())).filter(n -> openId.equals(n.path("touser").asText())).toList();
    }

    long ticketOf(String openId) {
        return ticketOfCustomer("wx-" + openId);
    }

    boolean customerStored(String openId) {
        return customerStoredAs("wx-" + openId);
    }
}
