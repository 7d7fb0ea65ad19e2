package io.kefu.sync;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.ExternalTaskService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.externaltask.LockedExternalTask;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.kefu.customer.CustomerService;
import io.kefu.customer.CustomerTier;
import io.kefu.intake.InboundMessage;
import io.kefu.intake.IntakeService;
import io.kefu.lifecycle.RefundRequestProcess;
import io.kefu.security.token.ApiTokenService;
import io.kefu.testing.BackgroundWorkOff;
import io.kefu.ticket.Channel;
import io.kefu.ticket.TicketService;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The signed inbound webhook over real HTTP: who may knock (token, signature, timestamp window),
 * idempotency (a repeat gets the stored answer, the effect happens once), and each event type's
 * effect as the public API shows it. The job executor is off: the test runs the lifecycle's jobs itself.
 * Run on H2 ({@link InboundWebhookTest}) and MariaDB ({@link MariaDbInboundWebhookTest}).
 */
@BackgroundWorkOff
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "kefu.inbound.sources.erp.secret=erp-test-secret",
        // Read through the environment fallback, as a real KEFU_INBOUND_CRM_SECRET would be.
        "KEFU_INBOUND_CRM_SECRET=crm-test-secret",
        // Each test has a token (a bucket) of its own; 25 requests, then one an hour.
        "kefu.security.rate-limits.inbound-events-per-principal.capacity=25",
        "kefu.security.rate-limits.inbound-events-per-principal.refill=1",
        "kefu.security.rate-limits.inbound-events-per-principal.period=PT1H"})
abstract class InboundWebhookScenarios {

    static final String SECRET = "erp-test-secret";
    static final AtomicInteger SEQUENCE = new AtomicInteger();

    @LocalServerPort int port;
    @Autowired ApiTokenService tokens;
    @Autowired CustomerService customers;
    @Autowired TicketService tickets;
    @Autowired IntakeService intake;
    @Autowired RuntimeService runtime;
    @Autowired ManagementService management;
    @Autowired ExternalTaskService externalTasks;
    @Autowired JdbcClient jdbc;
    @Autowired ObjectMapper json;

    final HttpClient http = HttpClient.newHttpClient();
    String inboundToken;
    String readToken;
    String run;

    @BeforeEach
    void tokens() {
        run = "w" + SEQUENCE.incrementAndGet() + "-" + UUID.randomUUID().toString().substring(0, 8);
        inboundToken = tokens.issue("erp-" + run, List.of("sync:inbound"), "P1D").secret();
        readToken = tokens.issue("reader-" + run, List.of("tickets:read"), "P1D").secret();
    }

    @Test
    void aSignedTierChangeIsAcceptedAndARepeatOfItsKeyGetsTheSameAnswerWithoutASecondEffect() throws Exception {
        String customer = customer(CustomerTier.STANDARD);
        String body = "{\"type\":\"customer.tier_changed\",\"customerExternalId\":\"" + customer + "\",\"tier\":\"vip\"}";

        HttpResponse<String> first = signed("erp", "key-" + run, body);
        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        assertThat(customerTier(customer)).isEqualTo("VIP");

        // Changed back meanwhile: a repeat of the first key must not make the customer VIP again.
        customers.changeTier(customer, CustomerTier.STANDARD);
        HttpResponse<String> repeat = signed("erp", "key-" + run, body);
        assertThat(repeat.statusCode()).isEqualTo(first.statusCode());
        assertThat(repeat.body()).isEqualTo(first.body());
        assertThat(customerTier(customer)).as("no second effect").isEqualTo("STANDARD");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM inbound_event WHERE source = 'erp' AND idempotency_key = ?")
                .param("key-" + run).query(Long.class).single()).isEqualTo(1);

        HttpResponse<String> otherBody = signed("erp", "key-" + run, body.replace("vip", "standard"));
        assertThat(otherBody.statusCode()).as("a key reused for another body").isEqualTo(422);
        assertThat(field(otherBody)).isEqualTo("Idempotency-Key");
    }

    @Test
    void theEnvironmentSecretOfASourceIsUsedAndASourceWithoutOneDoesNotExist() throws Exception {
        String customer = customer(CustomerTier.STANDARD);
        String body = "{\"type\":\"customer.tier_changed\",\"customerExternalId\":\"" + customer + "\",\"tier\":\"VIP\"}";
        String timestamp = now();
        HttpResponse<String> crm = send("crm", "k1-" + run, timestamp,
                WebhookSignature.sign("crm-test-secret", timestamp, bytes(body)), body, inboundToken);
        assertThat(crm.statusCode()).as(crm.body()).isEqualTo(200);

        HttpResponse<String> unknown = signed("nobody", "k2-" + run, body);
        assertThat(unknown.statusCode()).isEqualTo(404);
    }

    @Test
    void tamperedBodyWrongSecretStaleTimestampAndMissingTokenAreRefusedAndAudited() throws Exception {
        String customer = customer(CustomerTier.STANDARD);
        String body = "{\"type\":\"customer.tier_changed\",\"customerExternalId\":\"" + customer + "\",\"tier\":\"VIP\"}";
        String timestamp = now();
        String signature = WebhookSignature.sign(SECRET, timestamp, bytes(body));

        HttpResponse<String> tampered = send("erp", "t1-" + run, timestamp, signature, body.replace("VIP", "vip"), inboundToken);
        assertThat(tampered.statusCode()).isEqualTo(401);
        assertThat(field(tampered)).isEqualTo("X-Kefu-Signature");

        HttpResponse<String> wrongSecret = send("erp", "t2-" + run, timestamp,
                WebhookSignature.sign("not-the-secret", timestamp, bytes(body)), body, inboundToken);
        assertThat(wrongSecret.statusCode()).isEqualTo(401);

        String stale = Long.toString(Instant.now().minusSeconds(301).getEpochSecond());
        HttpResponse<String> old = send("erp", "t3-" + run, stale, WebhookSignature.sign(SECRET, stale, bytes(body)), body,
                inboundToken);
        assertThat(old.statusCode()).isEqualTo(401);
        assertThat(field(old)).isEqualTo("X-Kefu-Timestamp");

        assertThat(send("erp", "t4-" + run, timestamp, signature, body, null).statusCode()).as("no token").isEqualTo(401);
        assertThat(send("erp", "t5-" + run, timestamp, signature, body, readToken).statusCode())
                .as("a token without sync:inbound").isEqualTo(403);

        assertThat(customerTier(customer)).as("nothing changed").isEqualTo("STANDARD");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM inbound_event WHERE idempotency_key LIKE ?").param("t_-" + run)
                .query(Long.class).single()).isZero();
        for (String key : List.of("t1-", "t2-", "t3-")) {
            assertThat(jdbc.sql("""
                    SELECT COUNT(*) FROM audit_event WHERE action = 'inbound.event' AND outcome = 'REFUSED'
                       AND target = ? AND detail LIKE '401 %' AND actor = ?""")
                    .params("inbound erp " + key + run, "token:erp-" + run).query(Long.class).single())
                    .as("audit row of " + key).isEqualTo(1);
        }
    }

    @Test
    void aTokenOverItsRateGets429WithRetryAfterBeforeAnythingIsChecked() throws Exception {
        for (int i = 0; i < 25; i++) {
            assertThat(signed("erp", "rate-" + i + "-" + run, "[]").statusCode()).isEqualTo(400);
        }
        HttpResponse<String> over = signed("erp", "rate-over-" + run, "[]");
        assertThat(over.statusCode()).isEqualTo(429);
        assertThat(over.headers().firstValue("Retry-After")).isPresent();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE action = 'inbound.event' AND target = ? AND detail LIKE '429 %'")
                .param("inbound erp rate-over-" + run).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void badRequestsNameTheField() throws Exception {
        String customer = customer(CustomerTier.STANDARD);
        assertRefused("not json", 400, "body");
        assertRefused("{\"customerExternalId\":\"" + customer + "\"}", 400, "type");
        assertRefused("{\"type\":\"ticket.close\"}", 400, "type");
        assertRefused("{\"type\":\"customer.tier_changed\",\"tier\":\"VIP\"}", 400, "customerExternalId");
        assertRefused("{\"type\":\"customer.tier_changed\",\"customerExternalId\":\"" + customer + "\",\"tier\":\"GOLD\"}",
                400, "tier");
        assertRefused("{\"type\":\"ticket.event\",\"name\":\"Msg_RefundCompleted\"}", 400, "ticketId");
        assertRefused("{\"type\":\"ticket.event\",\"ticketId\":1}", 400, "name");
        assertRefused("{\"type\":\"ticket.create\",\"customerExternalId\":\"" + customer + "\"}", 400, "text");
        assertRefused("{\"type\":\"ticket.note\",\"ticketId\":987654321,\"text\":\"called the customer\"}", 404, "ticketId");
        assertRefused("{\"type\":\"ticket.note\",\"ticketId\":1}", 400, "text");
        assertRefused("{\"type\":\"customer.tier_changed\",\"customerExternalId\":\"nobody-" + run + "\",\"tier\":\"VIP\"}",
                404, "customerExternalId");
        assertRefused("{\"type\":\"ticket.event\",\"ticketId\":987654321,\"name\":\"Msg_RefundCompleted\"}", 404, "ticketId");

        String timestamp = now();
        String body = "{\"type\":\"ticket.close\"}";
        HttpResponse<String> noKey = send("erp", null, timestamp, WebhookSignature.sign(SECRET, timestamp, bytes(body)), body,
                inboundToken);
        assertThat(noKey.statusCode()).isEqualTo(400);
        assertThat(field(noKey)).isEqualTo("Idempotency-Key");
    }

    @Test
    void aNoteFromTheSourceIsAnInternalNoteOnTheTicketStoredOnce() throws Exception {
        String customer = customer(CustomerTier.STANDARD);
        HttpResponse<String> created = signed("erp", "n0-" + run, "{\"type\":\"ticket.create\",\"customerExternalId\":\""
                + customer + "\",\"text\":\"Where is my parcel?\"}");
        long ticketId = json.readTree(created.body()).get("ticketId").asLong();
        String body = "{\"type\":\"ticket.note\",\"ticketId\":" + ticketId + ",\"text\":\"Courier confirmed pick-up at 14:05\"}";

        HttpResponse<String> noted = signed("erp", "n1-" + run, body);
        assertThat(noted.statusCode()).as(noted.body()).isEqualTo(201);
        assertThat(signed("erp", "n1-" + run, body).body()).as("a repeat answers the same").isEqualTo(noted.body());

        assertThat(jdbc.sql("SELECT author, body FROM ticket_note WHERE ticket_id = ?").param(ticketId).query().listOfRows())
                .singleElement().satisfies(row -> {
                    assertThat(row.get("author")).isEqualTo("integration:erp");
                    assertThat(row.get("body")).isEqualTo("Courier confirmed pick-up at 14:05");
                });
        assertThat(get("/api/tickets/" + ticketId + "/messages").body()).as("never a message to the customer")
                .doesNotContain("Courier confirmed");
    }

    @Test
    void ticketCreateOpensATicketThroughIntakeOnTheApiChannelOnce() throws Exception {
        String customer = customer(CustomerTier.VIP);
        String body = "{\"type\":\"ticket.create\",\"customerExternalId\":\"" + customer
                + "\",\"text\":\"Work order 4711: the printer is broken\",\"topic\":\"technical\"}";

        HttpResponse<String> created = signed("erp", "c-" + run, body);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        long ticketId = json.readTree(created.body()).get("ticketId").asLong();
        JsonNode ticket = json.readTree(get("/api/tickets/" + ticketId).body());
        assertThat(ticket.get("channel").asText()).isEqualTo("API");
        assertThat(ticket.get("customerExternalId").asText()).isEqualTo(customer);

        HttpResponse<String> repeat = signed("erp", "c-" + run, body);
        assertThat(repeat.statusCode()).isEqualTo(201);
        assertThat(repeat.body()).isEqualTo(created.body());
        assertThat(json.readTree(get("/api/tickets/" + ticketId + "/messages").body())).as("one message").hasSize(1);
    }

    @Test
    void theSameKeySentFourTimesAtOnceCreatesOneTicketAndEveryoneGetsItsAnswer() throws Exception {
        String customer = customer(CustomerTier.STANDARD);
        String body = "{\"type\":\"ticket.create\",\"customerExternalId\":\"" + customer
                + "\",\"text\":\"Work order 4712: the scanner is broken\"}";
        List<CompletableFuture<HttpResponse<String>>> sent = new java.util.ArrayList<>();
        for (int i = 0; i < 4; i++) {
            sent.add(CompletableFuture.supplyAsync(() -> {
                try {
                    return signed("erp", "same-" + run, body);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
        List<HttpResponse<String>> answers = sent.stream().map(CompletableFuture::join).toList();
        assertThat(answers).allSatisfy(answer -> assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201));
        assertThat(answers.stream().map(HttpResponse::body).distinct()).hasSize(1);
        long ticketId = json.readTree(answers.get(0).body()).get("ticketId").asLong();
        assertThat(json.readTree(get("/api/tickets/" + ticketId + "/messages").body())).as("the message once").hasSize(1);
    }

    @Test
    void aTicketEventIsCorrelatedIntoTheRefundItWaitsForAndRefusedWhenNothingWaitsForIt() throws Exception {
        String customer = customer(CustomerTier.STANDARD);
        long ticketId = intake.receive(new InboundMessage(Channel.WEB, customer,
                "Please refund my order A1001, I want my money back", null)).ticketId();
        runJobs(ticketId);
        ProcessInstance refund = runtime.createProcessInstanceQuery().processDefinitionKey(RefundRequestProcess.PROCESS_ID)
                .processInstanceBusinessKey(String.valueOf(ticketId)).singleResult();
        assertThat(refund).as("triage found the refund intent; the bots' lookup waits").isNotNull();
        String completed = "{\"type\":\"ticket.event\",\"ticketId\":" + ticketId
                + ",\"name\":\"Msg_RefundCompleted\",\"data\":{\"refundId\":\"R-77\"}}";

        HttpResponse<String> early = signed("erp", "early-" + run, completed);
        assertThat(early.statusCode()).as("the refund is not filed yet").isEqualTo(409);
        assertThat(early.body()).contains("not waiting for the message 'Msg_RefundCompleted'");

        // The bots looked the order up, filed the refund and told the customer: the process waits for the ERP.
        runtime.createProcessInstanceModification(refund.getId())
                .startBeforeActivity(RefundRequestProcess.GATEWAY_AWAIT_REFUND_COMPLETED)
                .cancelAllForActivity(RefundRequestProcess.TASK_LOOK_UP_ORDER)
                .execute();
        HttpResponse<String> customerOnly = signed("erp", "cust-" + run, "{\"type\":\"ticket.event\",\"ticketId\":"
                + ticketId + ",\"name\":\"CustomerMessage\"}");
        assertThat(customerOnly.statusCode()).isEqualTo(409);
        assertThat(field(customerOnly)).isEqualTo("name");

        HttpResponse<String> accepted = signed("erp", "done-" + run, completed);
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(200);
        assertThat((String) runtime.getVariable(refund.getId(), TicketEventReceived.VAR_DATA)).contains("R-77");
        HttpResponse<String> repeat = signed("erp", "done-" + run, completed);
        assertThat(repeat.statusCode()).as("the stored answer, not a second correlation (which nothing awaits)")
                .isEqualTo(200);
        assertThat(repeat.body()).isEqualTo(accepted.body());

        runJobs(ticketId);
        List<LockedExternalTask> tell = externalTasks.fetchAndLock(1, "inbound-test")
                .topic(RefundRequestProcess.TOPIC_CUSTOMER_FOLLOW_UP, 60_000).businessKey(String.valueOf(ticketId))
                .execute();
        assertThat(tell).singleElement()
                .satisfies(task -> assertThat(task.getActivityId()).isEqualTo(RefundRequestProcess.TASK_TELL_CUSTOMER_REFUNDED));
        externalTasks.complete(tell.get(0).getId(), "inbound-test");
        runJobs(ticketId);
        assertThat(json.readTree(get("/api/tickets/" + ticketId).body()).get("status").asText()).isEqualTo("RESOLVED");
    }

    /** Runs the ticket's due jobs (triage, async continuations) as the job executor would. */
    private void runJobs(long ticketId) {
        for (int round = 0; round < 30; round++) {
            List<Job> due = runtime.createProcessInstanceQuery().processInstanceBusinessKey(String.valueOf(ticketId)).list()
                    .stream().flatMap(instance -> management.createJobQuery().processInstanceId(instance.getId())
                            .executable().list().stream())
                    .toList();
            if (due.isEmpty()) {
                return;
            }
            for (Job job : due) {
                try {
                    management.executeJob(job.getId());
                } catch (RuntimeException collided) {
                    // retried in the next round, as the job executor would
                }
            }
        }
    }

    private void assertRefused(String body, int status, String field) throws Exception {
        HttpResponse<String> response = signed("erp", "r-" + UUID.randomUUID(), body);
        assertThat(response.statusCode()).as(body + " → " + response.body()).isEqualTo(status);
        assertThat(field(response)).as(body).isEqualTo(field);
    }

    private String customer(CustomerTier tier) {
        String id = "inbound-" + run;
        customers.register(id, id, tier);
        return id;
    }

    private String customerTier(String customer) throws Exception {
        return json.readTree(get("/api/customers/" + customer).body()).get("tier").asText();
    }

    private String field(HttpResponse<String> response) throws IOException {
        JsonNode field = json.readTree(response.body()).get("field");
        return field == null ? null : field.asText();
    }

    private HttpResponse<String> signed(String source, String key, String body) throws Exception {
        String timestamp = now();
        return send(source, key, timestamp, WebhookSignature.sign(SECRET, timestamp, bytes(body)), body, inboundToken);
    }

    private HttpResponse<String> send(String source, String key, String timestamp, String signature, String body,
            String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base() + "/api/integrations/" + source + "/events"))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .header(WebhookSignature.TIMESTAMP_HEADER, timestamp)
                .header(WebhookSignature.SIGNATURE_HEADER, signature)
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes(body)));
        if (key != null) {
            request.header("Idempotency-Key", key);
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base() + path))
                .timeout(Duration.ofSeconds(60)).header("Authorization", "Bearer " + readToken).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path + " " + response.body()).isEqualTo(200);
        return response;
    }

    private String base() {
        return "http://localhost:" + port;
    }

    private static String now() {
        return Long.toString(Instant.now().getEpochSecond());
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
