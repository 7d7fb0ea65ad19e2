package io.kefu.bots;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.camunda.bpm.client.ExternalTaskClient;
import org.camunda.bpm.engine.ExternalTaskService;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.externaltask.ExternalTask;
import org.camunda.bpm.engine.externaltask.LockedExternalTask;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.kefu.conversation.ConversationService;
import io.kefu.conversation.Direction;
import io.kefu.conversation.Message;
import io.kefu.customer.CustomerService;
import io.kefu.customer.CustomerTier;
import io.kefu.intake.InboundMessage;
import io.kefu.intake.IntakeService;
import io.kefu.security.token.ApiTokenService;
import io.kefu.testing.H2Database;
import io.kefu.ticket.Channel;

import static io.kefu.bots.BotContract.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The RPA bots against a loopback ERP ({@link ErpServer}) on H2, driven step by step: the
 * schedules are effectively off (poll once an hour) and each test runs the built-in bots'
 * fetch-and-lock ({@link BuiltInBots#runOnce()}) and the give-up hand-over itself. The refund
 * sub-process runs on its own here (started by key, business key = a real ticket's id); the whole
 * journey through intake is {@code H2RefundJourneyTest}. Also: the standard Camunda external-task
 * client completing a bot task on {@code /engine-rest} with a bot token, and the page and API.
 */
@H2Database("rpa-bots")
@AutoConfigureMockMvc
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "kefu.sync.relay.enabled=false", "kefu.sla.watch.enabled=false", "camunda.bpm.job-execution.enabled=false",
        "kefu.bots.enabled=true", "kefu.bots.poll-interval=PT1H", "kefu.bots.retries=3",
        "kefu.bots.retry-backoff=PT0S", "kefu.bots.give-up-after=PT0S", "kefu.erp.api-token=erp-secret"})
class H2RpaBotsTest {

    static final ErpServer ERP = start();

    @DynamicPropertySource
    static void erp(DynamicPropertyRegistry registry) {
        registry.add("kefu.erp.api-url", ERP::url);
    }

    @Autowired BuiltInBots bots;
    @Autowired GaveUpBots gaveUp;
    @Autowired RuntimeService runtime;
    @Autowired RepositoryService repository;
    @Autowired ExternalTaskService externalTasks;
    @Autowired HistoryService history;
    @Autowired IntakeService intake;
    @Autowired CustomerService customers;
    @Autowired ConversationService conversations;
    @Autowired ApiTokenService tokens;
    @Autowired TestRestTemplate http;
    @Autowired MockMvc mvc;
    @LocalServerPort int port;

    @BeforeEach
    void orders() {
        ERP.reset();
        ERP.orders.put("A1001", "{\"orderId\":\"A1001\",\"status\":\"DELIVERED\",\"amount\":59.90,\"currency\":\"CNY\",\"refundable\":true}");
        ERP.orders.put("B2002", "{\"orderId\":\"B2002\",\"status\":\"SHIPPED\",\"amount\":10,\"currency\":\"CNY\","
                + "\"refundable\":false,\"reason\":\"outside the 7-day window\"}");
    }

    @AfterEach
    void endRefunds() {
        for (ProcessInstance left : runtime.createProcessInstanceQuery().processDefinitionKey("RefundRequest").list()) {
            runtime.deleteProcessInstance(left.getId(), "test over");
        }
    }

    @AfterAll
    static void stop() {
        ERP.close();
    }

    @Test
    void anEligibleOrderIsLookedUpRefundedOnceAndTheCustomerTold() {
        long ticketId = ticket("bots-c1", "I want a refund for order A1001, it arrived broken");
        ProcessInstance refund = startRefund(ticketId, "A1001");

        assertThat(bots.runOnce()).isEqualTo(1);
        assertThat(variable(refund, VAR_ORDER_ELIGIBLE)).isEqualTo(true);
        assertThat(variable(refund, VAR_ORDER_AMOUNT)).isEqualTo("59.90");
        assertThat(ERP.requests("GET")).singleElement().satisfies(r -> {
            assertThat(r.path()).isEqualTo("/orders/A1001");
            assertThat(r.authorization()).isEqualTo("Bearer erp-secret");
        });

        bots.runOnce();
        assertThat(ERP.requests("POST")).singleElement().satisfies(r -> {
            assertThat(r.idempotencyKey()).isEqualTo("kefu-refund-" + ticketId);
            assertThat(r.body()).contains("\"orderId\":\"A1001\"").contains("\"amount\":\"59.90\"");
        });
        assertThat(variable(refund, VAR_REFUND_ID)).isEqualTo("R-77");

        bots.runOnce();
        assertThat(outbound(ticketId)).singleElement().satisfies(m -> assertThat(m.body())
                .as("untriaged here: the fallback language").isEqualTo("您的退款申请（订单 A1001）已提交，退款单号 R-77。退款完成后我们会再通知您。"));

        runtime.createMessageCorrelation("Msg_RefundCompleted").processInstanceBusinessKey(String.valueOf(ticketId))
                .correlate();
        bots.runOnce();
        assertThat(outbound(ticketId)).hasSize(2).last().satisfies(m -> assertThat(m.body()).contains("已完成"));
        assertThat(runtime.createProcessInstanceQuery().processInstanceId(refund.getId()).count()).isZero();
        assertThat(historic(refund, "refundOutcome")).isEqualTo("REFUNDED");
        assertThat((String) historic(refund, VAR_BOT_FINDINGS)).contains("Order A1001 in the ERP: DELIVERED, 59.90 CNY, refundable.")
                .contains("Refund R-77 filed in the ERP.");
    }

    @Test
    void anOrderTheErpDoesNotHaveIsOrderNotFoundAndBillingTakesOver() {
        long ticketId = ticket("bots-c2", "refund please, order C404");
        ProcessInstance refund = startRefund(ticketId, "C404");

        bots.runOnce();

        assertEndedAtBilling(refund, "The ERP has no order C404.");
        assertThat(history.createHistoricActivityInstanceQuery().processInstanceId(refund.getId())
                .activityId("BoundaryEvent_OrderNotFound").count()).isOne();
    }

    @Test
    void anOrderThatIsNotRefundableGoesToBillingWithTheErpsReason() {
        long ticketId = ticket("bots-c3", "refund for order B2002");
        ProcessInstance refund = startRefund(ticketId, "B2002");

        bots.runOnce();

        assertEndedAtBilling(refund, "Order B2002 in the ERP: SHIPPED, 10 CNY, not refundable (outside the 7-day window).");
        assertThat(ERP.requests("POST")).as("nothing filed").isEmpty();
    }

    @Test
    void aRefundTheErpRefusesIsRefundRefused() {
        long ticketId = ticket("bots-c4", "refund for order A1001");
        ERP.refusing.put("A1001", "already refunded");
        ProcessInstance refund = startRefund(ticketId, "A1001");

        bots.runOnce();
        bots.runOnce();

        assertEndedAtBilling(refund, "The ERP refused the refund of order A1001: already refunded.");
    }

    @Test
    void anErpThatIsDownIsRetriedWithFewerRetriesEachTimeThenAnIncidentThenBilling() {
        long ticketId = ticket("bots-c5", "refund for order A1001");
        ERP.down = true;
        ProcessInstance refund = startRefund(ticketId, "A1001");

        bots.runOnce();
        ExternalTask afterFirst = task(refund);
        assertThat(afterFirst.getRetries()).isEqualTo(2);
        assertThat(afterFirst.getErrorMessage()).contains("500");
        bots.runOnce();
        assertThat(task(refund).getRetries()).isEqualTo(1);
        bots.runOnce();
        assertThat(task(refund).getRetries()).isZero();
        assertThat(runtime.createIncidentQuery().processInstanceId(refund.getId()).singleResult().getIncidentType())
                .isEqualTo("failedExternalTask");
        assertThat(bots.runOnce()).as("an incident is not fetched again").isZero();
        assertThat(ERP.requests("GET")).hasSize(3);

        assertThat(gaveUp.handOver()).isEqualTo(1);

        assertEndedAtBilling(refund, "The bot gave up on Task_LookUpOrder after its retries: ERP answered 500");
        assertThat(history.createHistoricActivityInstanceQuery().processInstanceId(refund.getId())
                .activityId("BoundaryEvent_LookUpGaveUp").count()).isOne();
    }

    @Test
    void incidentsOfTasksWithoutTheGiveUpBoundaryNeverCrowdOutOnesThatCanBeHandedOver() {
        BpmnModelInstance plain = Bpmn.createExecutableProcess("NoGiveUpPath").startEvent()
                .serviceTask("Task_Plain").camundaExternalTask("kefu-test-plain").endEvent().done();
        String deployment = repository.createDeployment().addModelInstance("no-give-up-path.bpmn", plain).deploy().getId();
        try {
            for (int i = 0; i < 60; i++) {
                runtime.startProcessInstanceByKey("NoGiveUpPath");
            }
            for (LockedExternalTask stuck : externalTasks.fetchAndLock(100, "test").topic("kefu-test-plain", 60_000).execute()) {
                externalTasks.handleFailure(stuck.getId(), "test", "always fails", 0, 0);
            }
            assertThat(runtime.createIncidentQuery().incidentType("failedExternalTask").count())
                    .as("more stuck incidents than one poll reads").isGreaterThanOrEqualTo(60);
            assertThat(gaveUp.handOver()).as("none of them has a path to hand over to").isZero();

            long ticketId = ticket("bots-c9", "refund for order A1001");
            ERP.down = true;
            ProcessInstance refund = startRefund(ticketId, "A1001");
            bots.runOnce();
            bots.runOnce();
            bots.runOnce();
            assertThat(gaveUp.handOver()).isEqualTo(1);
            assertEndedAtBilling(refund, "The bot gave up on Task_LookUpOrder after its retries: ERP answered 500");
        } finally {
            repository.deleteDeployment(deployment, true);
        }
    }

    @Test
    void theBackOffDoublesFromRetryBackoffUpToMaxBackoff() {
        BotsProperties settings = new BotsProperties(true, new BotsProperties.Switch(true), new BotsProperties.Switch(true),
                new BotsProperties.Switch(false), Duration.ofSeconds(1), 5, Duration.ofMinutes(1), 5,
                Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofMinutes(15), Map.of(), "zh");

        assertThat(List.of(settings.backoffMillis(1), settings.backoffMillis(2), settings.backoffMillis(3),
                settings.backoffMillis(4))).containsExactly(10_000L, 20_000L, 30_000L, 30_000L);
        assertThat(settings.builtInEnabled(TOPIC_CUSTOMER_FOLLOW_UP)).as("switched off per topic").isFalse();
        assertThat(settings.builtInEnabled("someone-elses-topic")).isFalse();
    }

    @Test
    void aSupervisorSeesTheFailureAndRetriesItOnTheApiAndThePageShowsTopicsAndWorkers() throws Exception {
        long ticketId = ticket("bots-c6", "refund for order A1001");
        ERP.down = true;
        ProcessInstance refund = startRefund(ticketId, "A1001");
        bots.runOnce();
        bots.runOnce();
        bots.runOnce();
        ExternalTask failed = task(refund);
        assertThat(failed.getRetries()).isZero();

        TestRestTemplate supervisor = http.withBasicAuth("demo", "demo");
        String view = supervisor.getForObject("/api/bots", String.class);
        assertThat(view).contains("\"name\":\"erp-order-lookup\"").contains("\"failed\":1")
                .contains("\"workerId\":\"" + bots.workerId() + "\"").contains("ERP answered 500");
        String page = mvc.perform(get("/bots").param("lang", "en").with(user("sup").roles("SUPERVISOR")))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("RPA bots").contains("erp-order-lookup").contains("data-task-id=\"" + failed.getId() + "\"")
                .contains(bots.workerId()).contains("/bots/tasks/" + failed.getId() + "/retry");
        String zh = mvc.perform(get("/bots").param("lang", "zh").with(user("sup").roles("SUPERVISOR")))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(zh).contains("RPA 机器人").contains("重试");

        ResponseEntity<String> retried = supervisor.postForEntity("/api/bots/tasks/{id}/retry", null, String.class,
                failed.getId());
        assertThat(retried.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(task(refund).getRetries()).isEqualTo(3);
        assertThat(runtime.createIncidentQuery().processInstanceId(refund.getId()).count()).as("incident resolved").isZero();
        ERP.down = false;
        bots.runOnce();
        assertThat(variable(refund, VAR_ORDER_ELIGIBLE)).isEqualTo(true);

        mvc.perform(post("/bots/tasks/{id}/retry", "no-such-task").with(user("sup").roles("SUPERVISOR")).with(csrf()))
                .andExpect(status().is3xxRedirection()).andExpect(flash().attribute("error", "bots.error.unknown"));
        mvc.perform(get("/bots").with(user("agent").roles("AGENT"))).andExpect(status().isForbidden());
        assertThat(supervisor.postForEntity("/api/bots/tasks/{id}/retry", null, String.class, "no-such-task")
                .getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        ResponseEntity<String> bad = supervisor.postForEntity("/api/bots/tasks/{id}/retry", null, String.class, "a$b");
        assertThat(bad.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(bad.getBody()).contains("\"field\":\"id\"");
    }

    /** Done means: the standard external-task client (7.24.0) does a bot's work with a bot token. */
    @Test
    void theStandardCamundaExternalTaskClientCompletesABotTaskWithABotTokenAndATokenWithoutTheScopeIsRefused()
            throws Exception {
        long ticketId = ticket("bots-c7", "refund for order Z777");
        ProcessInstance refund = startRefund(ticketId, "Z777");
        String botToken = tokens.issue("outside-erp-bot", List.of("external-task"), "P1D").secret();
        String readToken = tokens.issue("reporting", List.of("tickets:read"), "P1D").secret();

        HttpResponse<String> refused = fetchAndLock(readToken);
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(fetchAndLock("kefu_not-a-real-token-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa").statusCode()).isEqualTo(401);
        assertThat(task(refund).getWorkerId()).as("nothing was locked by the refused calls").isNull();

        AtomicReference<Object> seenOrderId = new AtomicReference<>();
        ExternalTaskClient client = ExternalTaskClient.create()
                .baseUrl("http://127.0.0.1:" + port + "/engine-rest")
                .workerId("outside-erp-bot-1")
                .asyncResponseTimeout(2_000)
                .addInterceptor(request -> request.addHeader("Authorization", "Bearer " + botToken))
                .build();
        try {
            client.subscribe(TOPIC_ERP_ORDER_LOOKUP).lockDuration(30_000).handler((task, service) -> {
                seenOrderId.set(task.getVariable(VAR_ORDER_ID));
                service.complete(task, Map.of(VAR_ORDER_FOUND, true, VAR_ORDER_ELIGIBLE, false, VAR_ORDER_STATUS,
                        "CANCELLED", VAR_BOT_FINDINGS, "The outside bot found order Z777 cancelled."));
            }).open();

            await().atMost(Duration.ofSeconds(60))
                    .until(() -> runtime.createProcessInstanceQuery().processInstanceId(refund.getId()).count() == 0);
        } finally {
            client.stop();
        }

        assertThat(seenOrderId.get()).isEqualTo("Z777");
        assertThat(ERP.requests).as("the outside worker did the work, not the built-in bot").isEmpty();
        assertEndedAtBilling(refund, "The outside bot found order Z777 cancelled.");
        String view = http.withBasicAuth("demo", "demo").getForObject("/api/bots", String.class);
        assertThat(view).contains("\"workerId\":\"outside-erp-bot-1\"");
    }

    private HttpResponse<String> fetchAndLock(String token) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/engine-rest/external-task/fetchAndLock"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"workerId\":\"sneaky\",\"maxTasks\":5,\"topics\":"
                        + "[{\"topicName\":\"erp-order-lookup\",\"lockDuration\":60000}]}"))
                .build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }

    private void assertEndedAtBilling(ProcessInstance refund, String findings) {
        assertThat(runtime.createProcessInstanceQuery().processInstanceId(refund.getId()).count()).isZero();
        assertThat(historic(refund, "refundOutcome")).isEqualTo("BILLING");
        assertThat((String) historic(refund, VAR_BOT_FINDINGS)).contains(findings);
        assertThat(history.createHistoricActivityInstanceQuery().processInstanceId(refund.getId())
                .activityId("EndEvent_HandedToBilling").count()).isOne();
    }

    private long ticket(String customer, String text) {
        if (customers.findByExternalId(customer).isEmpty()) {
            customers.register(customer, customer, CustomerTier.STANDARD);
        }
        return intake.receive(new InboundMessage(Channel.WEB, customer, text, null)).ticketId();
    }

    private ProcessInstance startRefund(long ticketId, String orderId) {
        return runtime.startProcessInstanceByKey("RefundRequest", String.valueOf(ticketId),
                Map.of(VAR_TICKET_ID, ticketId, VAR_ORDER_ID, orderId, "botTaskTimeout", "PT1H",
                        "refundCompletionTimeout", "P7D"));
    }

    private ExternalTask task(ProcessInstance refund) {
        return externalTasks.createExternalTaskQuery().processInstanceId(refund.getId()).singleResult();
    }

    private Object variable(ProcessInstance refund, String name) {
        return runtime.getVariable(refund.getId(), name);
    }

    private Object historic(ProcessInstance refund, String name) {
        HistoricVariableInstance found = history.createHistoricVariableInstanceQuery().processInstanceId(refund.getId())
                .variableName(name).singleResult();
        return found == null ? null : found.getValue();
    }

    private List<Message> outbound(long ticketId) {
        return conversations.transcript(ticketId).stream().filter(m -> m.direction() == Direction.OUTBOUND).toList();
    }

    private static ErpServer start() {
        try {
            return new ErpServer();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
