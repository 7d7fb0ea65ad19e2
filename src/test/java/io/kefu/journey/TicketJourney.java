package io.kefu.journey;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;

import io.kefu.testing.RecordingCrmServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One ticket end to end, through the public API, as the customer, the agent and the back-office
 * systems see it: customer registered → message posted → ticket triaged and routed by the rules
 * → agent claims, replies and resolves → the CRM received every update, the ERP a file per event.
 * Subclasses run it on H2 and on real MariaDB.
 */
abstract class TicketJourney {

    static final RecordingCrmServer CRM = new RecordingCrmServer();
    static final Path ERP_FOLDER = tempFolder();

    @Autowired
    TestRestTemplate http;

    @Autowired
    ObjectMapper json;

    @Autowired
    IdentityService identity;

    /** User name and password of an agent holding every queue. */
    abstract String[] agent();

    static void commonProperties(DynamicPropertyRegistry registry) {
        registry.add("kefu.sync.crm.url", CRM::url);
        registry.add("kefu.sync.erp.drop-folder", ERP_FOLDER::toString);
        registry.add("kefu.sync.relay.poll-interval", () -> "PT0.1S");
        registry.add("kefu.sync.relay.first-retry", () -> "PT0.2S");
        // The journeys assert whole transcripts and event lists: on a slow machine a ticket may wait
        // 30 s before the test claims it, and the soothing message (H2SoothingTest's subject) would
        // join them.
        registry.add("kefu.lifecycle.soothe.after", () -> "PT1H");
    }

    @AfterAll
    static void stopCrm() {
        CRM.clear();
    }

    /** The queue scope runs in the database query (queue IN (...) OR assignee = ?): checked on each database. */
    @Test
    void anAgentReachesTicketsOfTheirQueuesOnlyAndAnyOtherAnswers404() {
        TestRestTemplate api = http.withBasicAuth(agent()[0], agent()[1]);
        String suffix = String.valueOf(System.nanoTime());
        for (String[] agent : List.of(new String[] {"billing-" + suffix, "billing_team"},
                new String[] {"tech-" + suffix, "senior_tech_support"})) {
            User user = identity.newUser(agent[0]);
            user.setPassword("pw-" + agent[0]);
            identity.saveUser(user);
            identity.createMembership(agent[0], "agents");
            identity.createMembership(agent[0], agent[1]);
        }
        String customer = "scope-" + suffix;
        api.postForEntity("/api/customers", Map.of("externalId", customer, "name", "Li", "tier", "VIP"), JsonNode.class);
        long ticketId = api.postForEntity("/api/messages", Map.of("channel", "web", "customerExternalId", customer,
                "text", "The app crashes with an error every time I log in"), JsonNode.class).getBody().get("ticketId")
                .asLong();
        assertThat(awaitTicket(api, ticketId, "QUEUED").get("queue").asText()).isEqualTo("senior_tech_support");
        TestRestTemplate billing = http.withBasicAuth("billing-" + suffix, "pw-billing-" + suffix);
        TestRestTemplate tech = http.withBasicAuth("tech-" + suffix, "pw-tech-" + suffix);

        assertThat(billing.getForEntity("/api/tickets/" + ticketId, String.class).getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(billing.getForEntity("/api/tickets/" + ticketId + "/messages", String.class).getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(billing.postForEntity("/api/tickets/" + ticketId + "/claim", null, String.class).getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(billing.postForEntity("/api/tickets/" + ticketId + "/replies", Map.of("text", "hi"), String.class)
                .getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(tech.getForEntity("/api/tickets/" + ticketId, String.class).getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(tech.postForEntity("/api/tickets/" + ticketId + "/claim", null, JsonNode.class).getBody()
                .get("assignee").asText()).isEqualTo("tech-" + suffix);
    }

    @Test
    void vipTechnicalTicketGoesFromIntakeThroughAgentToCrmAndErp() throws IOException {
        TestRestTemplate api = http.withBasicAuth(agent()[0], agent()[1]);
        String customer = "vip-" + System.nanoTime();

        ResponseEntity<JsonNode> created = api.postForEntity("/api/customers",
                Map.of("externalId", customer, "name", "王芳", "tier", "VIP"), JsonNode.class);
        assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(created.getBody().get("tier").asText()).isEqualTo("VIP");

        ResponseEntity<JsonNode> posted = api.postForEntity("/api/messages",
                Map.of("channel", "web", "customerExternalId", customer,
                        "text", "The app crashes with an error every time I log in"), JsonNode.class);
        assertThat(posted.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        long ticketId = posted.getBody().get("ticketId").asLong();
        assertThat(posted.getBody().get("messageId").asLong()).isPositive();
        assertThat(posted.getBody().get("conversationId").asLong()).isPositive();

        JsonNode routed = awaitTicket(api, ticketId, "QUEUED");
        assertThat(routed.get("queue").asText()).isEqualTo("senior_tech_support");
        assertThat(routed.get("priority").asText()).isEqualTo("HIGH");
        assertThat(routed.get("topic").asText()).isEqualTo("TECHNICAL");
        assertThat(routed.get("customerTier").asText()).as("read with the ticket, routed on").isEqualTo("VIP");
        assertThat(routed.get("requiredSkills").toString()).isEqualTo("[\"tech.senior\"]");
        assertThat(routed.get("sla").get("policy").asText()).isEqualTo("vip");
        java.time.Instant routedAt = java.time.Instant.parse(routed.get("updatedAt").asText())
                .truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        assertThat(routed.get("sla").get("firstResponseDue").asText()).as("vip, HIGH, web: 15 minutes, 24/7")
                .isEqualTo(routedAt.plus(Duration.ofMinutes(15)).toString());
        assertThat(routed.get("sla").get("resolutionDue").asText()).isEqualTo(routedAt.plus(Duration.ofHours(8)).toString());
        assertThat(routed.get("sla").get("breaches")).isEmpty();
        assertThat(routed.get("routing").get("rules").toString())
                .contains("VIP technical questions go to senior technical support", "VIP customers get high priority");
        assertThat(routed.get("routing").get("explanation").asText()).contains("VIP customers get high priority");
        assertThat(routed.get("classification").get("language").asText()).isEqualTo("en");
        assertThat(routed.get("classification").get("intents").get(0).asText()).isEqualTo("technical");
        assertThat(routed.get("customerExternalId").asText()).isEqualTo(customer);

        JsonNode tasks = api.getForObject("/api/workspace/tasks", JsonNode.class);
        assertThat(tasks.get("senior_tech_support").findValuesAsText("ticketId")).contains(String.valueOf(ticketId));

        JsonNode claimed = api.postForObject("/api/tickets/" + ticketId + "/claim", null, JsonNode.class);
        assertThat(claimed.get("status").asText()).isEqualTo("ASSIGNED");
        assertThat(claimed.get("assignee").asText()).isEqualTo(agent()[0]);

        ResponseEntity<JsonNode> reply = api.postForEntity("/api/tickets/" + ticketId + "/replies",
                Map.of("text", "请更新到 2.3 版本后再试 / please update to 2.3"), JsonNode.class);
        assertThat(reply.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        JsonNode transcript = api.getForObject("/api/tickets/" + ticketId + "/messages", JsonNode.class);
        assertThat(transcript.findValuesAsText("direction")).containsExactly("INBOUND", "OUTBOUND");
        assertThat(transcript.get(1).get("body").asText()).startsWith("请更新到 2.3");
        JsonNode answered = api.getForObject("/api/tickets/" + ticketId, JsonNode.class).get("sla");
        assertThat(answered.hasNonNull("firstResponseDue")).as("the reply met the first response").isFalse();
        assertThat(answered.hasNonNull("firstRespondedAt")).isTrue();
        assertThat(answered.hasNonNull("pausedSince")).as("now waiting for the customer").isTrue();

        JsonNode resolved = api.postForObject("/api/tickets/" + ticketId + "/resolve", null, JsonNode.class);
        assertThat(resolved.get("status").asText()).isEqualTo("RESOLVED");
        assertThat(api.getForObject("/api/workspace/tasks", JsonNode.class).findValuesAsText("ticketId"))
                .doesNotContain(String.valueOf(ticketId));

        List<String> expected = List.of("ticket.opened", "message.received", "ticket.routed", "ticket.assigned",
                "message.sent", "ticket.resolved");
        await().atMost(Duration.ofSeconds(20)).until(() -> crmEventsFor(ticketId).size() >= expected.size());
        List<JsonNode> crmEvents = crmEventsFor(ticketId);
        assertThat(crmEvents).extracting(e -> e.get("type").asText()).containsExactlyElementsOf(expected);
        assertThat(crmEvents.get(1).at("/message/text").asText())
                .isEqualTo("The app crashes with an error every time I log in");
        assertThat(crmEvents.get(4).at("/message/author").asText()).as("the agent's reply").isEqualTo(agent()[0]);
        JsonNode crmRouted = crmEvents.get(2).get("ticket");
        assertThat(crmRouted.get("queue").asText()).isEqualTo("senior_tech_support");
        assertThat(crmRouted.get("customerExternalId").asText()).isEqualTo(customer);
        assertThat(crmRouted.get("sla").get("firstResponseDue")).as("the CRM gets the SLA clocks")
                .isEqualTo(routed.get("sla").get("firstResponseDue"));
        assertThat(crmEvents.get(5).get("ticket").get("status").asText()).isEqualTo("RESOLVED");
        RecordingCrmServer.Received first = CRM.accepted().stream()
                .filter(r -> r.body().contains("\"ticket\":{\"id\":" + ticketId + ",")).findFirst().orElseThrow();
        assertThat(first.method()).isEqualTo("POST");
        assertThat(first.header("Content-Type")).startsWith("application/json");
        assertThat(first.header("Idempotency-Key")).startsWith("kefu-event-");

        await().atMost(Duration.ofSeconds(20)).until(() -> erpFilesFor(ticketId).size() >= expected.size());
        List<String> erpTypes = erpFilesFor(ticketId).stream().map(this::read).map(e -> e.get("type").asText()).toList();
        assertThat(erpTypes).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void customerReplyToResolvedTicketReopensItInsteadOfOpeningAnother() {
        TestRestTemplate api = http.withBasicAuth(agent()[0], agent()[1]);
        String customer = "std-" + System.nanoTime();
        api.postForEntity("/api/customers", Map.of("externalId", customer, "name", "Li Lei", "tier", "STANDARD"),
                JsonNode.class);
        long ticketId = api.postForObject("/api/messages", Map.of("channel", "email", "customerExternalId", customer,
                "text", "请帮我开一张上个月的发票"), JsonNode.class).get("ticketId").asLong();
        JsonNode routed = awaitTicket(api, ticketId, "QUEUED");
        assertThat(routed.get("queue").asText()).isEqualTo("billing_team");
        assertThat(routed.get("priority").asText()).isEqualTo("LOW");
        assertThat(routed.get("classification").get("language").asText()).isEqualTo("zh");
        api.postForObject("/api/tickets/" + ticketId + "/resolve", null, JsonNode.class);

        JsonNode again = api.postForObject("/api/messages", Map.of("channel", "email", "customerExternalId", customer,
                "text", "还是不对 / still wrong"), JsonNode.class);

        assertThat(again.get("ticketId").asLong()).isEqualTo(ticketId);
        assertThat(again.get("newTicket").asBoolean()).isFalse();
        JsonNode reopened = awaitTicket(api, ticketId, "QUEUED");
        assertThat(reopened.get("reopenCount").asInt()).isEqualTo(1);
        assertThat(reopened.get("queue").asText()).isEqualTo("billing_team");
    }

    @Test
    void anAngryComplaintIsTriagedAndJumpsToHighPriority() {
        TestRestTemplate api = http.withBasicAuth(agent()[0], agent()[1]);
        String customer = "angry-" + System.nanoTime();
        api.postForEntity("/api/customers", Map.of("externalId", customer, "name", "Chen", "tier", "STANDARD"),
                JsonNode.class);
        long ticketId = api.postForObject("/api/messages", Map.of("channel", "email", "customerExternalId", customer,
                "text", "快递一个星期了还没到，你们到底怎么回事？！太差劲了"), JsonNode.class).get("ticketId").asLong();

        JsonNode routed = awaitTicket(api, ticketId, "QUEUED");
        JsonNode triage = routed.get("classification");
        assertThat(triage.get("language").asText()).isEqualTo("zh");
        assertThat(triage.get("sentiment").asText()).isEqualTo("NEGATIVE");
        assertThat(triage.get("intents").toString()).contains("complaint");
        assertThat(routed.get("topic").asText()).isEqualTo("ORDER");
        assertThat(routed.get("queue").asText()).isEqualTo("general_support");
        assertThat(routed.get("priority").asText()).as("e-mail is LOW unless the customer is upset")
                .isEqualTo("HIGH");
    }

    @Test
    void theBotAnswersFromTheKnowledgeBaseAndTheCustomersYesResolvesTheTicketWithoutAnAgent() {
        TestRestTemplate api = http.withBasicAuth(agent()[0], agent()[1]);
        long articleId = publishArticle(api, "en", "How to reset your password",
                "Open **Settings → Security**, choose *Reset password* and follow the link we e-mail you. "
                        + "The link works for 24 hours.", List.of("account", "password"));
        List<Long> others = publishOtherArticles(api, "en");
        try {
            String customer = "self-" + System.nanoTime();
            api.postForEntity("/api/customers", Map.of("externalId", customer, "name", "Amy", "tier", "STANDARD"),
                    JsonNode.class);
            long ticketId = api.postForObject("/api/messages", Map.of("channel", "web", "customerExternalId",
                    customer, "text", "How do I reset my password?"), JsonNode.class).get("ticketId").asLong();

            JsonNode answered = awaitTicket(api, ticketId, "BOT_ANSWERED");
            assertThat(answered.get("botArticleId").asLong()).isEqualTo(articleId);
            JsonNode transcript = api.getForObject("/api/tickets/" + ticketId + "/messages", JsonNode.class);
            assertThat(transcript.findValuesAsText("direction")).containsExactly("INBOUND", "OUTBOUND");
            assertThat(transcript.get(1).get("author").asText()).isEqualTo("bot");
            assertThat(transcript.get(1).get("body").asText()).startsWith("How to reset your password")
                    .contains("Reset password").contains("Did this solve your problem?");
            assertThat(api.getForObject("/api/workspace/tasks", JsonNode.class).findValuesAsText("ticketId"))
                    .as("no agent sees it while the bot waits").doesNotContain(String.valueOf(ticketId));

            JsonNode reply = api.postForObject("/api/messages", Map.of("channel", "web", "customerExternalId",
                    customer, "text", "Yes, thanks!"), JsonNode.class);
            assertThat(reply.get("ticketId").asLong()).isEqualTo(ticketId);

            JsonNode resolved = awaitTicket(api, ticketId, "RESOLVED");
            assertThat(resolved.get("resolvedBy").asText()).isEqualTo("BOT");
            assertThat(resolved.hasNonNull("assignee")).isFalse();
            List<String> expected = List.of("ticket.opened", "message.received", "ticket.bot_answered", "message.sent",
                    "message.received", "ticket.resolved");
            await().atMost(Duration.ofSeconds(20)).until(() -> crmEventsFor(ticketId).size() >= expected.size());
            assertThat(crmEventsFor(ticketId)).extracting(e -> e.get("type").asText())
                    .containsExactlyElementsOf(expected);
            JsonNode stats = api.getForObject("/api/tickets/self-service?days=1", JsonNode.class);
            assertThat(stats.get("resolvedByBot").asLong()).isPositive();
            assertThat(stats.get("deflectionRate").asDouble()).isPositive();
        } finally {
            api.delete("/api/knowledge/articles/" + articleId);
            others.forEach(id -> api.delete("/api/knowledge/articles/" + id));
        }
    }

    @Test
    void aCustomerWhoSaysTheBotsAnswerDidNotHelpGetsAnAgentInTheRightQueue() {
        TestRestTemplate api = http.withBasicAuth(agent()[0], agent()[1]);
        long articleId = publishArticle(api, "zh", "退款多久到账",
                "退款审核通过后原路退回，一般 **1–3 个工作日**到账；信用卡以银行入账为准。", List.of("退款"));
        List<Long> others = publishOtherArticles(api, "zh");
        try {
            String customer = "self-zh-" + System.nanoTime();
            api.postForEntity("/api/customers", Map.of("externalId", customer, "name", "刘洋", "tier", "STANDARD"),
                    JsonNode.class);
            long ticketId = api.postForObject("/api/messages", Map.of("channel", "wechat", "customerExternalId",
                    customer, "text", "退款多久能到账？"), JsonNode.class).get("ticketId").asLong();
            awaitTicket(api, ticketId, "BOT_ANSWERED");
            JsonNode transcript = api.getForObject("/api/tickets/" + ticketId + "/messages", JsonNode.class);
            assertThat(transcript.get(1).get("body").asText()).contains("这解决您的问题了吗");

            ResponseEntity<JsonNode> feedback = api.postForEntity("/api/tickets/" + ticketId + "/bot-feedback",
                    Map.of("solved", false), JsonNode.class);
            assertThat(feedback.getStatusCode()).isEqualTo(HttpStatus.OK);

            JsonNode routed = awaitTicket(api, ticketId, "QUEUED");
            assertThat(routed.get("queue").asText()).isEqualTo("billing_team");
            assertThat(routed.hasNonNull("resolvedBy")).isFalse();
            assertThat(api.getForObject("/api/workspace/tasks", JsonNode.class).findValuesAsText("ticketId"))
                    .contains(String.valueOf(ticketId));
            assertProblem(api.postForEntity("/api/tickets/" + ticketId + "/bot-feedback", Map.of("solved", true),
                    JsonNode.class), HttpStatus.CONFLICT, "not waiting for feedback");
        } finally {
            api.delete("/api/knowledge/articles/" + articleId);
            others.forEach(id -> api.delete("/api/knowledge/articles/" + id));
        }
    }

    /** A few unrelated articles, as any real knowledge base has beside the one that answers. */
    private List<Long> publishOtherArticles(TestRestTemplate api, String language) {
        List<String[]> articles = "zh".equals(language) ? List.of(
                new String[] {"如何修改收货地址", "订单发货前可在“我的订单”里修改收货地址，发货后请联系快递。"},
                new String[] {"发票怎么开", "在订单详情页点击“申请发票”，填写抬头和税号，电子发票会发到邮箱。"},
                new String[] {"会员积分规则", "每消费 1 元得 1 积分，积分可在下单时抵扣现金。"})
                : List.of(
                new String[] {"Changing your delivery address", "Before the order ships, edit the address under My orders."},
                new String[] {"Getting an invoice", "Open the order and choose Request invoice; we e-mail a PDF."},
                new String[] {"Membership points", "Every dollar spent earns one point; points pay for later orders."});
        return articles.stream().map(a -> publishArticle(api, language, a[0], a[1], List.of())).toList();
    }

    private long publishArticle(TestRestTemplate api, String language, String title, String body, List<String> tags) {
        ResponseEntity<JsonNode> created = api.postForEntity("/api/knowledge/articles",
                Map.of("language", language, "title", title, "body", body, "tags", tags), JsonNode.class);
        assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        long id = created.getBody().get("id").asLong();
        assertThat(api.postForObject("/api/knowledge/articles/" + id + "/publish", null, JsonNode.class)
                .get("status").asText()).isEqualTo("PUBLISHED");
        return id;
    }

    @Test
    void badRequestsAreRefusedWithAClearMessageAndStoreNothing() {
        TestRestTemplate api = http.withBasicAuth(agent()[0], agent()[1]);
        String customer = "bad-" + System.nanoTime();
        api.postForEntity("/api/customers", Map.of("externalId", customer, "name", "Zhang", "tier", "STANDARD"),
                JsonNode.class);

        assertProblem(api.postForEntity("/api/customers", Map.of("externalId", customer, "name", "Again", "tier", "VIP"),
                JsonNode.class), HttpStatus.CONFLICT, "already exists");
        assertProblem(api.postForEntity("/api/customers", Map.of("externalId", "x", "name", "X", "tier", "GOLD"),
                JsonNode.class), HttpStatus.BAD_REQUEST, "tier must be one of");
        assertProblem(api.exchange(org.springframework.http.RequestEntity.post("/api/messages")
                .header("Content-Type", "application/json").body("{\"channel\": \"web\", "), JsonNode.class),
                HttpStatus.BAD_REQUEST, "Malformed JSON");
        assertProblem(api.postForEntity("/api/messages", Map.of("channel", "web", "customerExternalId", customer),
                JsonNode.class), HttpStatus.BAD_REQUEST, "text");
        assertProblem(api.postForEntity("/api/messages", Map.of("channel", "web", "customerExternalId", "nobody-here",
                "text", "hello"), JsonNode.class), HttpStatus.NOT_FOUND, "nobody-here");
        assertProblem(api.postForEntity("/api/messages", Map.of("channel", "web", "customerExternalId", customer,
                "text", "长".repeat(10_001)), JsonNode.class), HttpStatus.PAYLOAD_TOO_LARGE, "at most 10000");
        assertProblem(api.postForEntity("/api/messages", Map.of("channel", "web", "customerExternalId", customer,
                "text", "x".repeat(2_000_000)), JsonNode.class), HttpStatus.PAYLOAD_TOO_LARGE, "at most 1048576 are accepted");
        assertProblem(api.getForEntity("/api/tickets/987654321", JsonNode.class), HttpStatus.NOT_FOUND,
                "987654321");
        assertThat(http.getForEntity("/api/tickets/1", String.class).getStatusCode())
                .as("no login, no data").isEqualTo(HttpStatus.UNAUTHORIZED);

        ResponseEntity<JsonNode> accepted = api.postForEntity("/api/messages", Map.of("channel", "web",
                "customerExternalId", customer, "text", "长".repeat(10_000)), JsonNode.class);
        assertThat(accepted.getStatusCode()).as("exactly the limit is accepted").isEqualTo(HttpStatus.CREATED);
        JsonNode transcript = api.getForObject("/api/tickets/" + accepted.getBody().get("ticketId").asLong()
                + "/messages", JsonNode.class);
        assertThat(transcript).as("the refused messages left nothing behind").hasSize(1);
    }

    private void assertProblem(ResponseEntity<JsonNode> response, HttpStatus status, String detail) {
        assertThat(response.getStatusCode()).isEqualTo(status);
        assertThat(response.getBody().get("detail").asText()).contains(detail);
    }

    private JsonNode awaitTicket(TestRestTemplate api, long ticketId, String status) {
        await().atMost(Duration.ofSeconds(20)).until(
                () -> status.equals(api.getForObject("/api/tickets/" + ticketId, JsonNode.class).get("status").asText()));
        return api.getForObject("/api/tickets/" + ticketId, JsonNode.class);
    }

    /**
     * With the job executor running, as in production: an agent who goes online through the API is
     * pushed the ticket routing gives their queue, the CRM hears of it, and going offline before
     * answering gives it back to the queue, where it waits first in line.
     */
    @Test
    void aRoutedTicketIsPushedToTheOnlineAgentOfItsQueueAndGivenBackWhenTheyGoOffline() {
        TestRestTemplate supervisor = http.withBasicAuth(agent()[0], agent()[1]);
        String suffix = String.valueOf(System.nanoTime());
        String agentId = "pushed-" + suffix;
        User user = identity.newUser(agentId);
        user.setPassword("pw-" + agentId);
        identity.saveUser(user);
        identity.createMembership(agentId, "agents");
        identity.createMembership(agentId, "billing_team");
        TestRestTemplate agent = http.withBasicAuth(agentId, "pw-" + agentId);
        assertThat(supervisor.exchange("/api/agents/" + agentId, org.springframework.http.HttpMethod.PUT,
                new org.springframework.http.HttpEntity<>(Map.of("skills", List.of("billing"), "languages", List.of("en", "zh"),
                        "capacity", Map.of("chat", 2, "email", 2))), JsonNode.class).getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(agent.exchange("/api/agents/" + agentId + "/presence", org.springframework.http.HttpMethod.PUT,
                new org.springframework.http.HttpEntity<>(Map.of("status", "ONLINE")), JsonNode.class).getBody()
                .get("presence").asText()).isEqualTo("ONLINE");
        try {
            String customer = "pushed-" + suffix;
            supervisor.postForEntity("/api/customers", Map.of("externalId", customer, "name", "Zhao", "tier", "STANDARD"),
                    JsonNode.class);
            long ticketId = supervisor.postForEntity("/api/messages", Map.of("channel", "web", "customerExternalId", customer,
                    "text", "I was charged twice on my last invoice, please refund one payment", "topic", "BILLING"),
                    JsonNode.class).getBody().get("ticketId").asLong();

            JsonNode assigned = awaitTicket(agent, ticketId, "ASSIGNED");
            assertThat(assigned.get("assignee").asText()).isEqualTo(agentId);
            assertThat(assigned.has("queuePosition")).isFalse();
            await().atMost(Duration.ofSeconds(20)).until(() -> crmEventsFor(ticketId).stream()
                    .anyMatch(e -> e.get("type").asText().equals("ticket.assigned")));

            agent.exchange("/api/agents/" + agentId + "/presence", org.springframework.http.HttpMethod.PUT,
                    new org.springframework.http.HttpEntity<>(Map.of("status", "OFFLINE")), JsonNode.class);
            JsonNode givenBack = awaitTicket(supervisor, ticketId, "QUEUED");
            assertThat(givenBack.has("assignee")).isFalse();
            assertThat(givenBack.get("queuePosition").asInt()).isPositive();
        } finally {
            supervisor.exchange("/api/agents/" + agentId + "/presence", org.springframework.http.HttpMethod.PUT,
                    new org.springframework.http.HttpEntity<>(Map.of("status", "OFFLINE")), JsonNode.class);
        }
    }

    private List<JsonNode> crmEventsFor(long ticketId) {
        return CRM.accepted().stream().map(r -> read(r.body()))
                .filter(e -> e.path("ticket").path("id").asLong(-1) == ticketId).toList();
    }

    private List<Path> erpFilesFor(long ticketId) throws IOException {
        if (!Files.isDirectory(ERP_FOLDER)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(ERP_FOLDER)) {
            return files.filter(f -> f.getFileName().toString().startsWith("ticket-" + ticketId + "-event-")).toList();
        }
    }

    private JsonNode read(Path file) {
        try {
            return read(Files.readString(file));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private JsonNode read(String body) {
        try {
            return json.readTree(body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path tempFolder() {
        try {
            return Files.createTempDirectory("kefu-erp-");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
