package io.kefu.channel.dingtalk;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

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
 * The DingTalk journey against a loopback server playing DingTalk: a signed robot message becomes
 * a ticket, the agent's reply goes through the conversation's session webhook once (after DingTalk
 * was down for two attempts), or through the robot API to the staff id when the webhook expired
 * or was not DingTalk's; a reply nothing could deliver is refused with a clear message; a repeated
 * {@code msgId} is stored once; a bad sign, a stale timestamp or a replay is refused and audited;
 * encrypted events are checked, answered with the encrypted "success" and recorded once.
 */
abstract class DingTalkJourney extends MessengerJourney {

    static final String APP_KEY = "dingjourney00001";
    static final String APP_SECRET = "dt-secret-" + UUID.randomUUID();
    static final String TOKEN = "dt-journey-token";
    static final String AES_KEY = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";
    static final FakeDingTalkPlatform PLATFORM = new FakeDingTalkPlatform(APP_KEY, APP_SECRET);
    static final WxBizMsgCrypt CRYPTO = new WxBizMsgCrypt(AES_KEY, APP_KEY);

    @Autowired
    DingTalkHealth health;

    @Override
    protected String callbackAudit() {
        return "channel.dingtalk.callback";
    }

    static void dingTalkProperties(DynamicPropertyRegistry registry) {
        registry.add("kefu.dingtalk.app-key", () -> APP_KEY);
        registry.add("kefu.dingtalk.app-secret", () -> APP_SECRET);
        registry.add("kefu.dingtalk.token", () -> TOKEN);
        registry.add("kefu.dingtalk.aes-key", () -> AES_KEY);
        registry.add("kefu.dingtalk.api-base", PLATFORM::base);
        registry.add("kefu.dingtalk.oapi-base", PLATFORM::base);
    }

    @Test
    void aStaffMembersMessageBecomesATicketAndTheReplyGoesThroughTheSessionWebhookOnce() {
        String staffId = staffId();
        String session = "s" + UUID.randomUUID();
        ObjectNode message = robotMessage(staffId, senderId(), "报销审批一直卡在财务那一步，error 403",
                PLATFORM.base() + "/robot/sendBySession?session=" + session, Instant.now().plus(Duration.ofMinutes(90)));

        assertThat(postRobot(message, now()).getStatusCode().value()).isEqualTo(200);
        assertThat(postRobot(message, now() + 1).getStatusCode().value()).as("DingTalk's retry of the same msgId")
                .isEqualTo(200);

        long ticketId = ticketOf("dingtalk-" + staffId);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM message WHERE ticket_id = ? AND direction = 'INBOUND'")
                .param(ticketId).query(Long.class).single()).as("stored once").isEqualTo(1);
        JsonNode ticket = awaitStatus(ticketId, "QUEUED");
        assertThat(ticket.get("channel").asText()).isEqualTo("DINGTALK");
        assertThat(jdbc.sql("SELECT name FROM customer WHERE external_id = ?").param("dingtalk-" + staffId)
                .query(String.class).single()).isEqualTo("王小明");
        assertThat(jdbc.sql("SELECT channel FROM channel_identity WHERE address = ?").param(staffId).query(String.class)
                .list()).containsExactly("DINGTALK_STAFFID");

        PLATFORM.failNext(2);
        api().postForObject("/api/tickets/" + ticketId + "/claim", null, JsonNode.class);
        ResponseEntity<JsonNode> reply = api().postForEntity("/api/tickets/" + ticketId + "/replies",
                Map.of("text", "已帮您转给财务，今天内处理"), JsonNode.class);
        assertThat(reply.getStatusCode().is2xxSuccessful()).as(String.valueOf(reply.getBody())).isTrue();

        await().atMost(Duration.ofSeconds(60)).until(() -> sent("session=" + session).size() == 1);
        FakeDingTalkPlatform.Sent sent = sent("session=" + session).get(0);
        assertThat(sent.path()).isEqualTo("/robot/sendBySession");
        assertThat(read(sent.body()).get("msgtype").asText()).isEqualTo("text");
        assertThat(read(sent.body()).at("/text/content").asText()).isEqualTo("已帮您转给财务，今天内处理");
        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.sql("""
                SELECT o.status, o.attempts FROM channel_outbound o JOIN message m ON m.id = o.message_id
                 WHERE o.channel = 'DINGTALK' AND m.ticket_id = ?""").param(ticketId)
                .query((rs, n) -> rs.getString(1) + "/" + rs.getInt(2)).list(), List.of("SENT/3")::equals);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> sent("session=" + session).size() == 1);
    }

    @Test
    void whenTheWebhookIsExpiredOrNotDingTalksTheReplyGoesToTheStaffIdThroughTheRobotApi() {
        String staffId = staffId();
        ObjectNode message = robotMessage(staffId, senderId(), "会议室投影仪连不上",
                "http://evil.example/robot/sendBySession?session=stolen", Instant.now().plus(Duration.ofMinutes(90)));
        assertThat(postRobot(message, now()).getStatusCode().value()).isEqualTo(200);
        long ticketId = ticketOf("dingtalk-" + staffId);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM dingtalk_contact WHERE staff_id = ? AND session_webhook IS NULL")
                .param(staffId).query(Long.class).single()).as("a webhook off DingTalk's host is not kept").isEqualTo(1);
        awaitStatus(ticketId, "QUEUED");
        api().postForObject("/api/tickets/" + ticketId + "/claim", null, JsonNode.class);
        assertThat(api().postForEntity("/api/tickets/" + ticketId + "/replies", Map.of("text", "请重启一下投影仪"),
                JsonNode.class).getStatusCode().is2xxSuccessful()).isTrue();

        await().atMost(Duration.ofSeconds(60)).until(() -> sent("\"" + staffId + "\"").size() == 1);
        JsonNode sent = read(sent("\"" + staffId + "\"").get(0).body());
        assertThat(sent.get("robotCode").asText()).isEqualTo(APP_KEY);
        assertThat(sent.get("msgKey").asText()).isEqualTo("sampleText");
        assertThat(sent.get("userIds").get(0).asText()).isEqualTo(staffId);
        assertThat(read(sent.get("msgParam").asText()).get("content").asText()).isEqualTo("请重启一下投影仪");
    }

    @Test
    void aSenderOutsideTheOrganisationWhoseWebhookExpiredCannotBeRepliedToAndNothingIsStored() {
        String senderId = senderId();
        ObjectNode message = robotMessage(null, senderId, "你们的发票什么时候开",
                PLATFORM.base() + "/robot/sendBySession?session=old", Instant.now().minus(Duration.ofMinutes(5)));
        assertThat(postRobot(message, now()).getStatusCode().value()).isEqualTo(200);
        String externalId = jdbc.sql("SELECT c.external_id FROM dingtalk_contact d JOIN customer c ON c.id = d.customer_id"
                + " WHERE d.sender_id = ?").param(senderId).query(String.class).single();
        assertThat(externalId).startsWith("dingtalk-s-");
        long ticketId = ticketOf(externalId);
        awaitStatus(ticketId, "QUEUED");
        api().postForObject("/api/tickets/" + ticketId + "/claim", null, JsonNode.class);

        ResponseEntity<String> reply = api().postForEntity("/api/tickets/" + ticketId + "/replies",
                Map.of("text", "明天开好"), String.class);
        assertThat(reply.getStatusCode().value()).isEqualTo(409);
        assertThat(reply.getBody()).contains("DingTalk can no longer deliver a reply");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM message WHERE ticket_id = ? AND direction = 'OUTBOUND' AND body = ?")
                .params(ticketId, "明天开好").query(Long.class).single()).as("nothing stored").isZero();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM channel_outbound WHERE body = ?").param("明天开好").query(Long.class)
                .single()).isZero();
    }

    @Test
    void badSignsStaleTimestampsAndReplaysAreRefusedAndAudited() {
        String staffId = staffId();
        ObjectNode message = robotMessage(staffId, senderId(), "hello", null, null);
        long auditsBefore = audits();
        long timestamp = now();

        assertThat(post(message.toString(), Map.of("timestamp", String.valueOf(timestamp),
                "sign", DingTalkRobotSignature.sign(String.valueOf(timestamp), "wrong-secret"))).getStatusCode().value())
                .as("signed with another secret").isEqualTo(401);
        assertThat(post(message.toString(), Map.of("timestamp", String.valueOf(timestamp))).getStatusCode().value())
                .as("no sign").isEqualTo(401);
        long stale = Instant.now().minus(Duration.ofMinutes(61)).toEpochMilli();
        assertThat(postRobot(message, stale).getStatusCode().value()).as("more than an hour off").isEqualTo(401);
        assertThat(customerStored("dingtalk-" + staffId)).as("nothing stored for refused callbacks").isFalse();

        assertThat(postRobot(message, timestamp).getStatusCode().value()).isEqualTo(200);
        assertThat(postRobot(message, timestamp).getStatusCode().value()).as("the same request replayed").isEqualTo(401);
        assertThat(audits() - auditsBefore).isEqualTo(4);
        assertThat(jdbc.sql("SELECT detail FROM audit_event WHERE action = 'channel.dingtalk.callback' ORDER BY id DESC")
                .query(String.class).list().get(0)).contains("replayed");
    }

    @Test
    void encryptedEventsAreCheckedAnsweredWithTheEncryptedSuccessAndRecordedOnce() throws Exception {
        ResponseEntity<String> check = postEvent("{\"EventType\":\"check_url\"}", CRYPTO, nonce());
        assertThat(check.getStatusCode().value()).isEqualTo(200);
        JsonNode answer = read(check.getBody());
        assertThat(WxBizMsgCrypt.signatureMatches(answer.get("msg_signature").asText(), TOKEN,
                answer.get("timeStamp").asText(), answer.get("nonce").asText(), answer.get("encrypt").asText())).isTrue();
        assertThat(CRYPTO.decrypt(answer.get("encrypt").asText())).isEqualTo("success");

        String event = "{\"EventType\":\"user_add_org\",\"TimeStamp\":" + now() + ",\"UserId\":[\"" + staffId()
                + "\"],\"CorpId\":\"dingcorp\"}";
        assertThat(postEvent(event, CRYPTO, nonce()).getStatusCode().value()).isEqualTo(200);
        assertThat(postEvent(event, CRYPTO, nonce()).getStatusCode().value()).as("DingTalk's retry").isEqualTo(200);
        String key = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(event.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        assertThat(jdbc.sql("SELECT event_type FROM dingtalk_event WHERE event_key = ?").param(key).query(String.class)
                .list()).containsExactly("user_add_org");

        long auditsBefore = audits();
        assertThat(postEvent(event, new WxBizMsgCrypt(AES_KEY, "dingAnotherApp"), nonce()).getStatusCode().value())
                .as("encrypted for another AppKey").isEqualTo(401);
        String encrypted = CRYPTO.encrypt("0123456789abcdef", event);
        String timestamp = String.valueOf(now());
        String nonce = nonce();
        String body = "{\"encrypt\":\"" + encrypted + "\"}";
        assertThat(postQuery("/channels/dingtalk?signature=" + WxBizMsgCrypt.signature("wrong", timestamp, nonce, encrypted)
                + "&timestamp=" + timestamp + "&nonce=" + nonce, body).getStatusCode().value()).as("bad signature").isEqualTo(401);
        String signed = "/channels/dingtalk?signature=" + WxBizMsgCrypt.signature(TOKEN, timestamp, nonce, encrypted)
                + "&timestamp=" + timestamp + "&nonce=" + nonce;
        assertThat(postQuery(signed, body).getStatusCode().value()).isEqualTo(200);
        assertThat(postQuery(signed, body).getStatusCode().value()).as("replayed nonce").isEqualTo(401);
        assertThat(audits() - auditsBefore).isEqualTo(3);
    }

    @Test
    void healthIsUpWhileTheAccessTokenCanBeFetched() {
        Health answer = health.health();
        assertThat(answer.getStatus()).isEqualTo(Status.UP);
        assertThat(answer.getDetails()).containsKey("tokenExpiresAt");
        assertThat(answer.getDetails().toString()).doesNotContain(APP_SECRET);
        int issued = PLATFORM.tokensIssued();
        health.health();
        assertThat(PLATFORM.tokensIssued()).as("the token is cached").isEqualTo(issued);
    }

    // --- helpers

    ObjectNode robotMessage(String staffId, String senderId, String text, String webhook, Instant webhookExpires) {
        ObjectNode message = json.createObjectNode();
        message.put("msgtype", "text").putObject("text").put("content", text);
        message.put("msgId", "msg" + UUID.randomUUID().toString().replace("-", "").substring(0, 22) + "==")
                .put("createAt", Instant.now().toEpochMilli()).put("conversationType", "1")
                .put("conversationId", "cid" + UUID.randomUUID()).put("senderId", senderId).put("senderNick", "王小明")
                .put("senderCorpId", "dingcorp").put("chatbotUserId", "$:LWCP_v1:$robot").put("robotCode", APP_KEY);
        if (staffId != null) {
            message.put("senderStaffId", staffId);
        }
        if (webhook != null) {
            message.put("sessionWebhook", webhook).put("sessionWebhookExpiredTime", webhookExpires.toEpochMilli());
        }
        return message;
    }

    ResponseEntity<String> postRobot(ObjectNode message, long timestamp) {
        return post(message.toString(), Map.of("timestamp", String.valueOf(timestamp),
                "sign", DingTalkRobotSignature.sign(String.valueOf(timestamp), APP_SECRET)));
    }

    ResponseEntity<String> post(String body, Map<String, String> headers) {
        HttpHeaders http = new HttpHeaders();
        http.setContentType(MediaType.APPLICATION_JSON);
        headers.forEach(http::add);
        return this.http.exchange("/channels/dingtalk", HttpMethod.POST, new HttpEntity<>(body, http), String.class);
    }

    ResponseEntity<String> postEvent(String plain, WxBizMsgCrypt crypto, String nonce) {
        String encrypted = crypto.encrypt(UUID.randomUUID().toString().substring(0, 16), plain);
        String timestamp = String.valueOf(now());
        return postQuery("/channels/dingtalk?signature=" + WxBizMsgCrypt.signature(TOKEN, timestamp, nonce, encrypted)
                + "&timestamp=" + timestamp + "&nonce=" + nonce, "{\"encrypt\":\"" + encrypted + "\"}");
    }

    ResponseEntity<String> postQuery(String url, String body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return http.exchange(url, HttpMethod.POST, new HttpEntity<>(body, headers), String.class);
    }

    List<FakeDingTalkPlatform.Sent> sent(String containing) {
        return PLATFORM.sent().stream().filter(s -> (s.query() != null && s.query().contains(containing))
                || s.body().contains(containing)).toList();
    }

    static String staffId() {
        return "staff" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    static String senderId() {
        return "$:LWCP_v1:$" + UUID.randomUUID().toString().replace("-", "");
    }

    static long now() {
        return Instant.now().toEpochMilli();
    }

    static String nonce() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    }

    long ticketOf(String externalId) {
        return ticketOfCustomer(externalId);
    }

    boolean customerStored(String externalId) {
        return customerStoredAs(externalId);
    }
}
