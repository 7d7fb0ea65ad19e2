package io.kefu.channel.wecom;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;
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
 * The WeCom journey against a loopback server playing WeCom's API: a signed, encrypted callback
 * becomes a ticket, the agent's reply reaches {@code /cgi-bin/message/send} once (after WeCom was
 * down for two attempts), a long reply arrives in parts in order, a repeated {@code MsgId} is
 * stored once, URL verification answers the decrypted echostr, and a bad signature, a stale
 * timestamp, a replayed nonce or a message for another company is refused and audited.
 */
abstract class WeComJourney extends MessengerJourney {

    static final String TOKEN = "wecom-journey-token";
    static final String CORP_ID = "ww0123456789abcdef";
    static final String AGENT_ID = "1000002";
    static final String SECRET = "wecom-secret-" + UUID.randomUUID();
    static final String AES_KEY = "jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C";
    static final FakeWeComPlatform PLATFORM = new FakeWeComPlatform(CORP_ID, SECRET);
    static final WxBizMsgCrypt CRYPTO = new WxBizMsgCrypt(AES_KEY, CORP_ID);

    @Autowired
    io.kefu.chat.AttachmentService attachments;

    @Autowired
    io.kefu.ticket.TicketService tickets;

    @Autowired
    WeComHealth health;

    @Override
    protected String callbackAudit() {
        return "channel.wecom.callback";
    }

    static void weComProperties(DynamicPropertyRegistry registry) {
        registry.add("kefu.wecom.token", () -> TOKEN);
        registry.add("kefu.wecom.aes-key", () -> AES_KEY);
        registry.add("kefu.wecom.corp-id", () -> CORP_ID);
        registry.add("kefu.wecom.agent-id", () -> AGENT_ID);
        registry.add("kefu.wecom.secret", () -> SECRET);
        registry.add("kefu.wecom.api-base", PLATFORM::base);
    }

    @Test
    void aMembersMessageBecomesATicketAndTheAgentsReplyReachesWeComOnce() {
        String userId = userId("zhang");
        String xml = textMessage(userId, String.valueOf(System.nanoTime()), "报销系统登录时一直报错 error 500");

        ResponseEntity<String> first = postEncrypted(xml, CRYPTO, nonce());
        assertThat(first.getStatusCode().value()).as(first.getBody()).isEqualTo(200);
        assertThat(postEncrypted(xml, CRYPTO, nonce()).getStatusCode().value()).as("WeCom's retry of the same MsgId")
                .isEqualTo(200);

        long ticketId = ticketOf(userId);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM message WHERE ticket_id = ? AND direction = 'INBOUND'")
                .param(ticketId).query(Long.class).single()).as("stored once").isEqualTo(1);
        JsonNode ticket = awaitStatus(ticketId, "QUEUED");
        assertThat(ticket.get("channel").asText()).isEqualTo("WECOM");
        assertThat(ticket.get("customerExternalId").asText()).isEqualTo("wecom-" + userId);
        assertThat(jdbc.sql("SELECT address FROM channel_identity WHERE channel = 'WECOM_USERID' AND address = ?")
                .param(userId).query(String.class).list()).containsExactly(userId);

        PLATFORM.failNext(2);
        int sentBefore = PLATFORM.sent().size();
        api().postForObject("/api/tickets/" + ticketId + "/claim", null, JsonNode.class);
        ResponseEntity<JsonNode> reply = api().postForEntity("/api/tickets/" + ticketId + "/replies",
                Map.of("text", "请清除浏览器缓存后重试 — please clear the cache"), JsonNode.class);
        assertThat(reply.getStatusCode().is2xxSuccessful()).as(String.valueOf(reply.getBody())).isTrue();

        await().atMost(Duration.ofSeconds(60)).until(() -> sentTo(userId).size() == 1);
        JsonNode sent = sentTo(userId).get(0);
        assertThat(sent.get("msgtype").asText()).isEqualTo("text");
        assertThat(sent.get("agentid").asLong()).isEqualTo(1000002L);
        assertThat(sent.at("/text/content").asText()).isEqualTo("请清除浏览器缓存后重试 — please clear the cache");
        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.sql(
                "SELECT status, attempts FROM channel_outbound WHERE channel = 'WECOM' AND recipient = ?")
                .param(userId).query((rs, n) -> rs.getString(1) + "/" + rs.getInt(2)).list(), List.of("SENT/3")::equals);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> sentTo(userId).size() == 1);
    }

    @Test
    void aLongReplyArrivesInPartsOfAtMost2048BytesCutAtLineBreaksInOrder() {
        String userId = userId("li");
        assertThat(postEncrypted(textMessage(userId, String.valueOf(System.nanoTime()), "发票抬头开错了，请帮我重开"),
                CRYPTO, nonce()).getStatusCode().value()).isEqualTo(200);
        long ticketId = ticketOf(userId);
        awaitStatus(ticketId, "QUEUED");
        api().postForObject("/api/tickets/" + ticketId + "/claim", null, JsonNode.class);
        // Three paragraphs of 1,800 bytes each: 5,402 bytes, too long for one WeCom message.
        List<String> paragraphs = List.of("第一段。".repeat(150), "第二段。".repeat(150), "第三段。".repeat(150));
        String longReply = String.join("\n", paragraphs);
        assertThat(api().postForEntity("/api/tickets/" + ticketId + "/replies", Map.of("text", longReply), JsonNode.class)
                .getStatusCode().is2xxSuccessful()).isTrue();

        await().atMost(Duration.ofSeconds(60)).until(() -> sentTo(userId).size() == 3);
        List<String> parts = sentTo(userId).stream().map(n -> n.at("/text/content").asText()).toList();
        assertThat(parts).as("cut at the line breaks, in order").containsExactlyElementsOf(paragraphs);
        assertThat(parts).allSatisfy(p -> assertThat(p.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(2048));
    }

    @Test
    void urlVerificationAnswersTheDecryptedEchostrForTheRightSignatureOnly() {
        String echo = CRYPTO.encrypt("abcdefghijklmnop", "4816254927563301");
        String timestamp = now();
        String nonce = nonce();
        String signature = WxBizMsgCrypt.signature(TOKEN, timestamp, nonce, echo);
        ResponseEntity<String> answer = http.getForEntity(URI.create("/channels/wecom?msg_signature=" + signature
                + "&timestamp=" + timestamp + "&nonce=" + nonce + "&echostr=" + encode(echo)), String.class);
        assertThat(answer.getStatusCode().value()).isEqualTo(200);
        assertThat(answer.getBody()).isEqualTo("4816254927563301");

        long auditsBefore = audits();
        assertThat(http.getForEntity(URI.create("/channels/wecom?msg_signature=" + signature + "&timestamp=" + timestamp
                + "&nonce=" + nonce() + "&echostr=" + encode(echo)), String.class).getStatusCode().value())
                .as("signature for another nonce").isEqualTo(401);
        assertThat(audits() - auditsBefore).isEqualTo(1);
    }

    @Test
    void badSignaturesStaleTimestampsAndReplayedNoncesAreRefusedAndAudited() {
        String userId = userId("bad");
        String xml = textMessage(userId, String.valueOf(System.nanoTime()), "hello");
        String encrypted = CRYPTO.encrypt("0123456789abcdef", xml);
        String body = envelope(encrypted);
        long auditsBefore = audits();
        String timestamp = now();
        String nonce = nonce();

        assertThat(post("/channels/wecom?timestamp=" + timestamp + "&nonce=" + nonce + "&msg_signature="
                + WxBizMsgCrypt.signature("wrong-token", timestamp, nonce, encrypted), body).getStatusCode().value())
                .as("wrong token").isEqualTo(401);
        assertThat(post("/channels/wecom?timestamp=" + timestamp + "&nonce=" + nonce, body).getStatusCode().value())
                .as("no signature").isEqualTo(401);
        String stale = String.valueOf(Instant.now().minus(Duration.ofMinutes(10)).getEpochSecond());
        assertThat(post("/channels/wecom?timestamp=" + stale + "&nonce=" + nonce + "&msg_signature="
                + WxBizMsgCrypt.signature(TOKEN, stale, nonce, encrypted), body).getStatusCode().value())
                .as("stale").isEqualTo(401);
        String tampered = encrypted.substring(0, 10) + (encrypted.charAt(10) == 'A' ? 'B' : 'A') + encrypted.substring(11);
        assertThat(post("/channels/wecom?timestamp=" + timestamp + "&nonce=" + nonce + "&msg_signature="
                + WxBizMsgCrypt.signature(TOKEN, timestamp, nonce, encrypted), envelope(tampered)).getStatusCode().value())
                .as("one changed character of the encrypted text").isEqualTo(401);
        assertThat(customerStored(userId)).as("nothing stored for refused callbacks").isFalse();

        // The very request WeCom sent, accepted once, then replayed as it was.
        String signed = "/channels/wecom?timestamp=" + timestamp + "&nonce=" + nonce + "&msg_signature="
                + WxBizMsgCrypt.signature(TOKEN, timestamp, nonce, encrypted);
        assertThat(post(signed, body).getStatusCode().value()).isEqualTo(200);
        assertThat(post(signed, body).getStatusCode().value()).as("replayed nonce").isEqualTo(401);
        assertThat(audits() - auditsBefore).isEqualTo(5);
        assertThat(jdbc.sql("SELECT detail FROM audit_event WHERE action = 'channel.wecom.callback' ORDER BY id DESC")
                .query(String.class).list().get(0)).contains("replayed");
    }

    @Test
    void aMessageForAnotherCompanyOrApplicationIsRefusedBeforeAnythingIsStored() {
        String userId = userId("else");
        ResponseEntity<String> otherCorp = postEncrypted(textMessage(userId, "1", "hello"),
                new WxBizMsgCrypt(AES_KEY, "wwOtherCompany0000"), nonce());
        assertThat(otherCorp.getStatusCode().value()).as("encrypted for another CorpID").isEqualTo(401);
        ResponseEntity<String> otherAgent = postEncrypted(textMessage(userId, "2", "hello").replace(AGENT_ID, "1000099"),
                CRYPTO, nonce());
        assertThat(otherAgent.getStatusCode().value()).isEqualTo(400);
        assertThat(otherAgent.getBody()).contains("AgentID");
        assertThat(customerStored(userId)).isFalse();
        assertThat(post("/channels/wecom?timestamp=" + now() + "&nonce=" + nonce() + "&msg_signature=0000",
                "<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><xml>&e;</xml>").getStatusCode().value())
                .isEqualTo(401);
    }

    @Test
    void healthIsUpWhileTheAccessTokenCanBeFetched() {
        Health answer = health.health();
        assertThat(answer.getStatus()).isEqualTo(Status.UP);
        assertThat(answer.getDetails()).containsKey("tokenExpiresAt");
        assertThat(answer.getDetails().toString()).doesNotContain(SECRET);
        int issued = PLATFORM.tokensIssued();
        health.health();
        assertThat(PLATFORM.tokensIssued()).as("the token is cached").isEqualTo(issued);
    }

    // --- helpers

    static String userId(String name) {
        return name + "." + UUID.randomUUID().toString().substring(0, 8);
    }

    static String textMessage(String userId, String msgId, String text) {
        return "<xml><ToUserName><![CDATA[" + CORP_ID + "]]></ToUserName><FromUserName><![CDATA[" + userId
                + "]]></FromUserName><CreateTime>" + now() + "</CreateTime><MsgType><![CDATA[text]]></MsgType>"
                + "<Content><![CDATA[" + text + "]]></Content><MsgId>" + msgId + "</MsgId><AgentID>" + AGENT_ID
                + "</AgentID></xml>";
    }

    static String envelope(String encrypted) {
        return "<xml><ToUserName><![CDATA[" + CORP_ID + "]]></ToUserName><AgentID><![CDATA[" + AGENT_ID
                + "]]></AgentID><Encrypt><![CDATA[" + encrypted + "]]></Encrypt></xml>";
    }

    ResponseEntity<String> postEncrypted(String xml, WxBizMsgCrypt crypto, String nonce) {
        String encrypted = crypto.encrypt(UUID.randomUUID().toString().substring(0, 16), xml);
        String timestamp = now();
        return post("/channels/wecom?msg_signature=" + WxBizMsgCrypt.signature(TOKEN, timestamp, nonce, encrypted)
                + "&timestamp=" + timestamp + "&nonce=" + nonce, envelope(encrypted));
    }

    ResponseEntity<String> post(String url, String xml) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.TEXT_XML);
        return http.exchange(url, HttpMethod.POST, new HttpEntity<>(xml, headers), String.class);
    }

    @Test
    void anAgentsImageAndPdfReachWeComAsAnImageAndAFileMessage() {
        String userId = userId("zhou");
        assertThat(postEncrypted(textMessage(userId, String.valueOf(System.nanoTime()), "请把发票和截图发给我"),
                CRYPTO, nonce()).getStatusCode().value()).isEqualTo(200);
        long ticketId = ticketOf(userId);
        awaitStatus(ticketId, "QUEUED");
        int uploadsBefore = PLATFORM.uploads().size();
        byte[] image = png();
        attachments.fromAgent(tickets.get(ticketId), "demo", "steps.png", image, null);
        attachments.fromAgent(tickets.get(ticketId), "demo", "发票.pdf", PDF, null);

        await().atMost(Duration.ofSeconds(60)).until(() -> sentTo(userId).size() == 2);
        List<JsonNode> sent = sentTo(userId);
        assertThat(sent.get(0).get("msgtype").asText()).isEqualTo("image");
        assertThat(sent.get(1).get("msgtype").asText()).isEqualTo("file");
        assertThat(sent).allSatisfy(n -> assertThat(n.get("agentid").asLong()).isEqualTo(Long.parseLong(AGENT_ID)))
                .noneMatch(n -> n.has("text"));
        var uploads = PLATFORM.uploads().subList(uploadsBefore, PLATFORM.uploads().size());
        assertThat(uploads).hasSize(2);
        assertThat(uploads.get(0).type()).isEqualTo("image");
        assertThat(uploads.get(0).bytes()).isEqualTo(image);
        assertThat(uploads.get(1).type()).isEqualTo("file");
        assertThat(uploads.get(1).fileName()).isEqualTo("发票.pdf");
        assertThat(uploads.get(1).bytes()).isEqualTo(PDF);
        assertThat(sent.get(0).at("/image/media_id").asText()).isEqualTo("media-" + uploadsBefore);
        assertThat(sent.get(1).at("/file/media_id").asText()).isEqualTo("media-" + (uploadsBefore + 1));
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

    List<JsonNode> sentTo(String userId) {
        return PLATFORM.sent().stream().map(s -> read(s.body())).filter(n -> userId.equals(n.path("touser").asText()))
                .toList();
    }

    static String now() {
        return String.valueOf(Instant.now().getEpochSecond());
    }

    static String nonce() {
        return String.valueOf(Math.abs(UUID.randomUUID().getMostSignificantBits()));
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    long ticketOf(String userId) {
        return ticketOfCustomer("wecom-" + userId);
    }

    boolean customerStored(String userId) {
        return customerStoredAs("wecom-" + userId);
    }
}
