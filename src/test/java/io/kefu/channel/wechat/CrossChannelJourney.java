package io.kefu.channel.wechat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;

import io.kefu.channel.callback.WxBizMsgCrypt;
import io.kefu.chat.IdentitySignature;
import io.kefu.testing.StompChat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One customer across channels, end to end: the shop links its user's WeChat unionid, the customer
 * writes on WeChat and goes on in the web chat (a real STOMP client) on one ticket with one history;
 * replies go to the channel of the latest message unless the agent chooses another linked one (the
 * loopback WeChat platform receives it); an agent merges an anonymous web visitor into a WeChat
 * customer and their two open tickets become one. Subclasses run it on H2 and on MariaDB.
 */
abstract class CrossChannelJourney {

    static final String CHANNEL = "cross-web";
    static final String CHAT_SECRET = "cross-secret-0123456789abc";

    static final FakeWeChatPlatform PLATFORM = WeChatJourney.PLATFORM;

    @LocalServerPort
    int port;

    @Autowired
    TestRestTemplate http;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ObjectMapper json;

    /** User name and password of a staff member who reaches every ticket. */
    abstract String[] staff();

    TestRestTemplate api() {
        return http.withBasicAuth(staff()[0], staff()[1]);
    }

    static void crossChannelProperties(DynamicPropertyRegistry registry) {
        WeChatJourney.weChatProperties(registry);
        registry.add("kefu.chat.channels[0].key", () -> CHANNEL);
        registry.add("kefu.chat.channels[0].name", () -> "Cross-channel shop");
        registry.add("kefu.chat.channels[0].secret", () -> CHAT_SECRET);
    }

    @Test
    void aCustomerTheShopLinkedGoesOnFromWeChatToTheWebChatOnOneTicketWithOneHistory() throws Exception {
        String customer = "shop-" + System.nanoTime();
        String unionId = "uCross" + suffix();
        String openId = "oCross" + suffix();
        assertThat(api().postForEntity("/api/customers", Map.of("externalId", customer, "name", "王芳", "tier", "VIP"),
                JsonNode.class).getStatusCode()).isEqualTo(HttpStatus.CREATED);

        // The shop's back office knows its user's unionid from a WeChat login and links it.
        ResponseEntity<JsonNode> linked = api().postForEntity("/api/customers/" + customer + "/identities",
                Map.of("kind", "WECHAT_UNIONID", "address", unionId), JsonNode.class);
        assertThat(linked.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(linked.getBody().get("linked").asBoolean()).isTrue();
        ResponseEntity<JsonNode> again = api().postForEntity("/api/customers/" + customer + "/identities",
                Map.of("kind", "wechat_unionid", "address", unionId), JsonNode.class);
        assertThat(again.getStatusCode()).as("linking it again changes nothing").isEqualTo(HttpStatus.OK);
        assertThat(api().postForEntity("/api/customers/" + customer + "/identities",
                Map.of("kind", "NICKNAME", "address", "王芳"), JsonNode.class).getStatusCode())
                .as("only the documented kinds link").isEqualTo(HttpStatus.BAD_REQUEST);

        // The customer writes on WeChat: the unionid finds the shop's customer.
        assertThat(postPlain(textWithUnion(openId, unionId, "我的订单 A1001 还没有发货"), nonce()).getBody())
                .isEqualTo("success");
        long ticketId = ticketOfCustomer(customer);
        JsonNode ticket = awaitStatus(ticketId, "QUEUED");
        assertThat(ticket.get("channel").asText()).isEqualTo("WECHAT");
        assertThat(ticket.get("customerTier").asText()).as("the shop's customer, tier included").isEqualTo("VIP");

        // Then on the shop's website, signed in: the web chat joins the same customer and ticket.
        JsonNode session = json.readTree(StompChat.startVisitor(port, "http://localhost:" + port, Map.of("channelKey", CHANNEL,
                "externalId", customer, "userHash", IdentitySignature.sign(CHAT_SECRET, customer))).body());
        try (StompChat widget = StompChat.visitor(port, CHANNEL, session.get("visitorToken").asText(),
                "http://localhost:" + port)) {
            widget.send("/app/chat.send", Map.of("clientMessageId", "x-1", "text", "我现在在网站上，订单还是没有发货"));
            JsonNode ack = widget.await("/user/queue/chat", e -> e.path("type").asText().equals("ack"));
            assertThat(ack.get("ticketId").asLong()).as("the open ticket goes on").isEqualTo(ticketId);
            assertThat(openTickets(customer)).as("one open ticket").isEqualTo(1);

            widget.send("/app/chat.resume", Map.of("lastSeq", 0));
            JsonNode history = widget.await("/user/queue/chat", e -> e.path("type").asText().equals("resume"));
            assertThat(history.get("messages").findValuesAsText("text")).as("one history, WeChat included")
                    .contains("我的订单 A1001 还没有发货", "我现在在网站上，订单还是没有发货");

            JsonNode transcript = api().getForObject("/api/tickets/" + ticketId + "/messages", JsonNode.class);
            assertThat(transcript.findValuesAsText("channel")).as("each message with its channel")
                    .containsExactly("WECHAT", "WEB");

            JsonNode choice = api().getForObject("/api/tickets/" + ticketId + "/reply-channels", JsonNode.class);
            assertThat(choice.get("preferred").asText()).as("the channel of the latest message").isEqualTo("WEB");
            assertThat(texts(choice.get("channels"))).containsExactly("WEB", "WECHAT");

            api().postForObject("/api/tickets/" + ticketId + "/claim", null, JsonNode.class);
            int sentBefore = PLATFORM.sent().size();
            ResponseEntity<JsonNode> onWeb = api().postForEntity("/api/tickets/" + ticketId + "/replies",
                    Map.of("text", "您好，我们马上查一下 A1001"), JsonNode.class);
            assertThat(onWeb.getStatusCode()).isEqualTo(HttpStatus.CREATED);
            assertThat(onWeb.getBody().get("channel").asText()).isEqualTo("WEB");
            widget.await("/user/queue/chat", e -> e.path("type").asText().equals("message")
                    && e.path("text").asText().equals("您好，我们马上查一下 A1001"));

            ResponseEntity<JsonNode> onWeChat = api().postForEntity("/api/tickets/" + ticketId + "/replies",
                    Map.of("text", "包裹已经发出，单号 SF123", "channel", "wechat"), JsonNode.class);
            assertThat(onWeChat.getStatusCode()).isEqualTo(HttpStatus.CREATED);
            assertThat(onWeChat.getBody().get("channel").asText()).isEqualTo("WECHAT");
            await().atMost(Duration.ofSeconds(60)).until(() -> PLATFORM.sent().stream().skip(sentBefore)
                    .anyMatch(s -> s.body().contains("SF123")));
            List<FakeWeChatPlatform.Sent> sent = PLATFORM.sent().stream().skip(sentBefore).toList();
            assertThat(sent).as("only the reply the agent sent on WeChat went to WeChat").hasSize(1);
            assertThat(read(sent.get(0).body()).get("touser").asText()).isEqualTo(openId);

            long messagesBefore = jdbc.sql("SELECT COUNT(*) FROM message WHERE ticket_id = ?").param(ticketId)
                    .query(Long.class).single();
            ResponseEntity<JsonNode> onEmail = api().postForEntity("/api/tickets/" + ticketId + "/replies",
                    Map.of("text", "by mail", "channel", "EMAIL"), JsonNode.class);
            assertThat(onEmail.getStatusCode()).as("not a channel the customer is linked on")
                    .isEqualTo(HttpStatus.BAD_REQUEST);
            assertThat(jdbc.sql("SELECT COUNT(*) FROM message WHERE ticket_id = ?").param(ticketId).query(Long.class)
                    .single()).as("nothing stored").isEqualTo(messagesBefore);
        }
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE action = 'customer.link' AND outcome = 'SUCCESS'")
                .query(Long.class).single()).isPositive();
    }

    @Test
    void anAgentMergesAWebVisitorIntoTheWeChatCustomerAndTheirTwoOpenTicketsBecomeOne() throws Exception {
        String openId = "oMerge" + suffix();
        assertThat(postPlain(textMessage(openId, String.valueOf(System.nanoTime()), "退款什么时候到账？"), nonce()).getBody())
                .isEqualTo("success");
        long weChatTicket = ticketOf(openId);
        awaitStatus(weChatTicket, "QUEUED");

        JsonNode session = json.readTree(StompChat.startVisitor(port, "http://localhost:" + port,
                Map.of("channelKey", CHANNEL)).body());
        String visitor = session.get("customerExternalId").asText();
        String token = session.get("visitorToken").asText();
        long webTicket;
        try (StompChat widget = StompChat.visitor(port, CHANNEL, token, "http://localhost:" + port)) {
            widget.send("/app/chat.send", Map.of("clientMessageId", "m-1", "text", "我在微信上问过退款的事"));
            webTicket = widget.await("/user/queue/chat", e -> e.path("type").asText().equals("ack")).get("ticketId").asLong();
        }
        assertThat(webTicket).isNotEqualTo(weChatTicket);
        awaitStatus(webTicket, "QUEUED");

        long auditsBefore = jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE action = 'customer.merge'").query(Long.class).single();
        ResponseEntity<JsonNode> merged = api().postForEntity("/api/tickets/" + weChatTicket + "/customer/merge",
                Map.of("from", visitor), JsonNode.class);
        assertThat(merged.getStatusCode()).as(String.valueOf(merged.getBody())).isEqualTo(HttpStatus.OK);
        assertThat(merged.getBody().get("externalId").asText()).isEqualTo("wx-" + openId);
        assertThat(merged.getBody().get("openTicket").asLong()).isEqualTo(weChatTicket);
        assertThat(merged.getBody().get("mergedTicket").asLong()).isEqualTo(webTicket);
        assertThat(api().getForObject("/api/tickets/" + webTicket, JsonNode.class).get("status").asText()).isEqualTo("CLOSED");
        assertThat(openTickets("wx-" + openId)).isEqualTo(1);
        assertThat(api().getForObject("/api/customers/" + visitor, JsonNode.class).get("externalId").asText())
                .as("the visitor's id stands for the customer that goes on").isEqualTo("wx-" + openId);

        try (StompChat widget = StompChat.visitor(port, CHANNEL, token, "http://localhost:" + port)) {
            widget.send("/app/chat.send", Map.of("clientMessageId", "m-2", "text", "请问有进展吗"));
            assertThat(widget.await("/user/queue/chat", e -> e.path("type").asText().equals("ack")).get("ticketId").asLong())
                    .as("the visitor goes on on the one open ticket").isEqualTo(weChatTicket);
            widget.send("/app/chat.resume", Map.of("lastSeq", 0));
            JsonNode history = widget.await("/user/queue/chat", e -> e.path("type").asText().equals("resume"));
            assertThat(history.get("messages").findValuesAsText("text"))
                    .contains("退款什么时候到账？", "我在微信上问过退款的事", "请问有进展吗");
            List<String> seqs = history.get("messages").findValuesAsText("seq");
            assertThat(seqs).as("numbers stay unique after the merge").doesNotHaveDuplicates();
        }
        JsonNode transcript = api().getForObject("/api/tickets/" + weChatTicket + "/messages", JsonNode.class);
        assertThat(transcript.findValuesAsText("channel")).containsExactly("WECHAT", "WEB", "WEB");
        assertThat(api().getForObject("/api/tickets/" + weChatTicket + "/reply-channels", JsonNode.class)
                .get("preferred").asText()).isEqualTo("WEB");

        assertThat(api().postForEntity("/api/tickets/" + weChatTicket + "/customer/merge", Map.of("from", visitor),
                JsonNode.class).getStatusCode()).as("merged already").isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(api().postForEntity("/api/tickets/" + weChatTicket + "/customer/merge", Map.of("from", "nobody-" + suffix()),
                JsonNode.class).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        await().until(() -> jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE action = 'customer.merge'").query(Long.class)
                .single() == auditsBefore + 1);

        // An address another customer has is never taken over by a link: the answer names its owner.
        String other = "shop-" + System.nanoTime();
        api().postForEntity("/api/customers", Map.of("externalId", other, "name", "Lin", "tier", "STANDARD"), JsonNode.class);
        ResponseEntity<JsonNode> taken = api().postForEntity("/api/customers/" + other + "/identities",
                Map.of("kind", "WECHAT_OPENID", "address", openId), JsonNode.class);
        assertThat(taken.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(taken.getBody().get("owner").asText()).isEqualTo("wx-" + openId);
    }

    @Test
    void aSecondOpenIdOfTheSameUnionIdOrOfAMergedCustomerIsStoredOnTheOneTicketAndAnsweredWhereTheyWroteLast() throws Exception {
        String unionId = "uTwo" + suffix();
        String first = "oFirst" + suffix();
        String second = "oSecond" + suffix();
        assertThat(postPlain(textWithUnion(first, unionId, "在公众号 A 上问：订单怎么还没到"), nonce()).getBody()).isEqualTo("success");
        long ticketId = ticketOfCustomer("wxu-" + unionId);
        awaitStatus(ticketId, "QUEUED");
        ResponseEntity<String> fromSecond = postPlain(textWithUnion(second, unionId, "在公众号 B 上接着问"), nonce());
        assertThat(fromSecond.getStatusCode()).as(String.valueOf(fromSecond.getBody())).isEqualTo(HttpStatus.OK);
        assertThat(fromSecond.getBody()).isEqualTo("success");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM message WHERE ticket_id = ? AND direction = 'INBOUND'").param(ticketId)
                .query(Long.class).single()).as("both stored on the one ticket").isEqualTo(2);
        assertThat(jdbc.sql("SELECT open_id FROM wechat_contact c JOIN customer u ON u.id = c.customer_id WHERE u.external_id = ?")
                .param("wxu-" + unionId).query(String.class).single()).as("replies go where they wrote last").isEqualTo(second);

        // Two WeChat customers without a unionid, merged by an agent: the older openid writes again.
        String older = "oOlder" + suffix();
        String newer = "oNewer" + suffix();
        postPlain(textMessage(older, String.valueOf(System.nanoTime()), "旧账号的消息"), nonce());
        long olderTicket = ticketOf(older);
        awaitStatus(olderTicket, "QUEUED");
        postPlain(textMessage(newer, String.valueOf(System.nanoTime()), "新账号的消息"), nonce());
        long newerTicket = ticketOf(newer);
        awaitStatus(newerTicket, "QUEUED");
        assertThat(api().postForEntity("/api/tickets/" + newerTicket + "/customer/merge", Map.of("from", "wx-" + older),
                JsonNode.class).getStatusCode()).isEqualTo(HttpStatus.OK);
        ResponseEntity<String> again = postPlain(textMessage(older, String.valueOf(System.nanoTime()), "旧账号又来了"), nonce());
        assertThat(again.getStatusCode()).as(String.valueOf(again.getBody())).isEqualTo(HttpStatus.OK);
        assertThat(jdbc.sql("SELECT body FROM message WHERE ticket_id = ? AND direction = 'INBOUND' ORDER BY id")
                .param(newerTicket).query(String.class).list()).contains("旧账号的消息", "新账号的消息", "旧账号又来了");
        assertThat(jdbc.sql("SELECT open_id FROM wechat_contact c JOIN customer u ON u.id = c.customer_id WHERE u.external_id = ?")
                .param("wx-" + newer).query(String.class).single()).isEqualTo(older);
    }

    ResponseEntity<String> postPlain(String xml, String nonce) {
        String timestamp = WeChatJourney.now();
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.TEXT_XML);
        return http.exchange("/channels/wechat?signature=" + WxBizMsgCrypt.signature(WeChatJourney.TOKEN, timestamp, nonce)
                + "&timestamp=" + timestamp + "&nonce=" + nonce + "&openid=x", HttpMethod.POST, new HttpEntity<>(xml, headers),
                String.class);
    }

    static String textMessage(String openId, String msgId, String text) {
        return WeChatJourney.textMessage(openId, msgId, text);
    }

    static String nonce() {
        return WeChatJourney.nonce();
    }

    long ticketOf(String openId) {
        return ticketOfCustomer("wx-" + openId);
    }

    JsonNode awaitStatus(long ticketId, String status) {
        await().atMost(Duration.ofSeconds(60)).until(() -> status.equals(
                api().getForObject("/api/tickets/" + ticketId, JsonNode.class).path("status").asText()));
        return api().getForObject("/api/tickets/" + ticketId, JsonNode.class);
    }

    JsonNode read(String body) throws Exception {
        return json.readTree(body);
    }

    static String textWithUnion(String openId, String unionId, String text) {
        return textMessage(openId, String.valueOf(System.nanoTime()), text)
                .replace("</xml>", "<UnionId><![CDATA[" + unionId + "]]></UnionId></xml>");
    }

    static String suffix() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 18);
    }

    static List<String> texts(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }

    long ticketOfCustomer(String externalId) {
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql(
                "SELECT COUNT(*) FROM ticket t JOIN customer c ON c.id = t.customer_id WHERE c.external_id = ?")
                .param(externalId).query(Long.class).single() > 0);
        return jdbc.sql("SELECT t.id FROM ticket t JOIN customer c ON c.id = t.customer_id WHERE c.external_id = ?")
                .param(externalId).query(Long.class).single();
    }

    long openTickets(String externalId) {
        return jdbc.sql("""
                SELECT COUNT(*) FROM ticket t JOIN customer c ON c.id = t.customer_id
                 WHERE c.external_id = ? AND t.status <> 'CLOSED'""").param(externalId).query(Long.class).single();
    }
}
