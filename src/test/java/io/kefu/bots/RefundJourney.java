package io.kefu.bots;

import java.time.Duration;
import java.util.List;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.kefu.conversation.ConversationService;
import io.kefu.conversation.Direction;
import io.kefu.conversation.Message;
import io.kefu.customer.CustomerService;
import io.kefu.customer.CustomerTier;
import io.kefu.intake.InboundMessage;
import io.kefu.intake.IntakeService;
import io.kefu.ticket.Channel;
import io.kefu.ticket.Resolver;
import io.kefu.ticket.TicketService;
import io.kefu.ticket.TicketStatus;
import io.kefu.ticket.TicketView;
import io.kefu.ticket.Topic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The refund end to end, everything running (job executor, built-in bots on their schedule,
 * the give-up hand-over) against a loopback ERP: a customer's message through intake, triage's
 * refund intent, the lifecycle's call of {@code RefundRequest}, the bots, the ERP's
 * {@code Msg_RefundCompleted} (correlated here as the inbound webhook will), and the resolved
 * ticket; and the ERP down: retries, an incident, the ticket in the billing queue with the findings.
 */
@AutoConfigureMockMvc
abstract class RefundJourney {

    /** One loopback ERP for every variant in this JVM (its threads are daemons; each test resets it). */
    static final ErpServer ERP = start();
    static final Duration WAIT = Duration.ofSeconds(60);

    @DynamicPropertySource
    static void erpApi(DynamicPropertyRegistry registry) {
        registry.add("kefu.erp.api-url", ERP::url);
    }

    @Autowired IntakeService intake;
    @Autowired CustomerService customers;
    @Autowired TicketService tickets;
    @Autowired ConversationService conversations;
    @Autowired RuntimeService runtime;
    @Autowired MockMvc mvc;

    @BeforeEach
    void orders() {
        ERP.reset();
        ERP.orders.put("A1001", "{\"orderId\":\"A1001\",\"status\":\"DELIVERED\",\"amount\":59.90,\"currency\":\"CNY\",\"refundable\":true}");
    }

    @Test
    void aRefundMessageIsRefundedByTheBotsAndResolvedWhenTheErpSaysItIsCompleted() {
        long ticketId = receive("journey-r1", "Please refund my order A1001, I want my money back");

        await().atMost(WAIT).until(() -> outbound(ticketId).size() == 1);
        TicketView waiting = tickets.get(ticketId);
        assertThat(waiting.classification().intents()).contains("refund");
        assertThat(waiting.status()).as("the bots have it; no agent queue").isEqualTo(TicketStatus.NEW);
        assertThat(outbound(ticketId).get(0).body()).contains("A1001").contains("R-77");
        assertThat(ERP.requests("POST")).singleElement()
                .satisfies(r -> assertThat(r.idempotencyKey()).isEqualTo("kefu-refund-" + ticketId));

        // What the inbound integration webhook does with {"type": "ticket.event", "name": "Msg_RefundCompleted"}.
        runtime.createMessageCorrelation("Msg_RefundCompleted").processInstanceBusinessKey(String.valueOf(ticketId))
                .correlate();

        await().atMost(WAIT).until(() -> tickets.get(ticketId).status() == TicketStatus.RESOLVED);
        TicketView resolved = tickets.get(ticketId);
        assertThat(resolved.resolvedBy()).isEqualTo(Resolver.BOT);
        assertThat(resolved.queue()).as("never queued for an agent").isNull();
        assertThat(outbound(ticketId)).hasSize(2);
        assertThat(lifecycle(ticketId).getVariable("refundOutcome")).isEqualTo("REFUNDED");
    }

    @Test
    void whenTheErpIsDownTheBotsRetryThenGiveUpAndTheTicketWaitsInTheBillingQueueWithWhatTheyFound() throws Exception {
        ERP.down = true;
        long ticketId = receive("journey-r2", "我要退款，订单号 A1001，东西坏了");

        await().atMost(WAIT).until(() -> tickets.get(ticketId).status() == TicketStatus.QUEUED);
        TicketView queued = tickets.get(ticketId);
        assertThat(queued.classification().intents()).contains("refund");
        assertThat(queued.queue()).isEqualTo("billing_team");
        assertThat(queued.topic()).isEqualTo(Topic.BILLING);
        assertThat(ERP.requests("GET")).as("two attempts (kefu.bots.retries=2)").hasSize(2);
        ProcessInstance ticket = runtime.createProcessInstanceQuery().processInstanceBusinessKey(String.valueOf(ticketId))
                .processDefinitionKey("TicketLifecycle").singleResult();
        assertThat((String) runtime.getVariable(ticket.getId(), "botFindings"))
                .contains("The bot gave up on Task_LookUpOrder after its retries: ERP answered 500");
        assertThat(runtime.getVariable(ticket.getId(), "refundOutcome")).isEqualTo("BILLING");
        assertThat(runtime.getVariable(ticket.getId(), "orderId")).isEqualTo("A1001");
        assertThat(outbound(ticketId)).as("the customer was told nothing by the bots").isEmpty();
        String page = mvc.perform(get("/workspace/tickets/{id}", ticketId).param("lang", "en")
                        .with(user("sup").roles("SUPERVISOR")))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(page).as("the agent reads what the bots found").contains("What the bots found")
                .contains("ERP answered 500");
    }

    private ProcessInstanceWithVariables lifecycle(long ticketId) {
        ProcessInstance instance = runtime.createProcessInstanceQuery().processInstanceBusinessKey(String.valueOf(ticketId))
                .processDefinitionKey("TicketLifecycle").singleResult();
        return name -> runtime.getVariable(instance.getId(), name);
    }

    /** Reads a variable of a running lifecycle instance. */
    interface ProcessInstanceWithVariables {
        Object getVariable(String name);
    }

    private long receive(String customer, String text) {
        customers.register(customer, customer, CustomerTier.STANDARD);
        return intake.receive(new InboundMessage(Channel.WEB, customer, text, null)).ticketId();
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
