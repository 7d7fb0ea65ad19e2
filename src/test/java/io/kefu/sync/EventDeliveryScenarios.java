package io.kefu.sync;

import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;

import io.kefu.customer.Customer;
import io.kefu.customer.CustomerService;
import io.kefu.customer.CustomerTier;
import io.kefu.intake.InboundMessage;
import io.kefu.intake.IntakeService;
import io.kefu.testing.RecordingCrmServer;
import io.kefu.ticket.Channel;
import io.kefu.ticket.TicketAccess;
import io.kefu.ticket.TicketService;
import io.kefu.ticket.TicketStatus;
import io.kefu.ticket.Topic;
import io.kefu.workspace.AgentWorkService;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Messages, notes and customer changes delivered like the ticket's own events, counted at a real
 * CRM on loopback with the relay on its schedule: a ticket's messages both ways and its notes reach
 * the CRM in event order among its other events, each once, with the bodies the schema describes;
 * and a customer's events are ordered per customer — never behind, nor holding back, the ticket
 * with the same numeric id (a dead letter of one lets the other go on). On H2
 * ({@link EventDeliveryTest}) and MariaDB ({@link MariaDbEventDeliveryTest}).
 */
abstract class EventDeliveryScenarios {

    static final int MAX_ATTEMPTS = 3;

    static void relayAndCrm(DynamicPropertyRegistry registry, RecordingCrmServer crm) {
        registry.add("kefu.sync.crm.url", crm::url);
        registry.add("kefu.sync.erp.enabled", () -> "false");
        registry.add("kefu.sync.relay.poll-interval", () -> "PT0.1S");
        registry.add("kefu.sync.relay.first-retry", () -> "PT0.2S");
        registry.add("kefu.sync.relay.max-retry", () -> "PT0.4S");
        registry.add("kefu.sync.relay.max-attempts", () -> Integer.toString(MAX_ATTEMPTS));
        registry.add("kefu.sync.breaker.open-for", () -> "PT0.3S");
        // No soothing message joins the transcripts this class counts.
        registry.add("kefu.lifecycle.soothe.after", () -> "PT1H");
    }

    abstract RecordingCrmServer crm();

    @Autowired
    IntakeService intake;
    @Autowired
    CustomerService customers;
    @Autowired
    TicketService tickets;
    @Autowired
    AgentWorkService work;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    ObjectMapper json;

    private int customer;

    @BeforeEach
    void quietCrm() {
        jdbc.sql("UPDATE outbox_delivery SET status = 'DISCARDED' WHERE status = 'DEAD'").update();
        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.sql(
                "SELECT COUNT(*) FROM outbox_delivery WHERE status = 'PENDING'").query(Integer.class).single() == 0);
        crm().clear();
    }

    @Test
    void aTicketsMessagesAndNotesReachTheCrmInOrderAmongItsOtherEvents() {
        String externalId = register();
        long ticket = intake.receive(new InboundMessage(Channel.APP, externalId, "My invoice shows the wrong address",
                Topic.BILLING)).ticketId();
        await().atMost(Duration.ofSeconds(30)).until(() -> tickets.get(ticket).status() == TicketStatus.QUEUED);
        TicketAccess agent = TicketAccess.everyTicket("agent-" + externalId);
        work.claim(ticket, agent);
        work.reply(ticket, agent, "Which address should it show?");
        work.addNote(ticket, agent, "Customer moved last month");
        intake.receive(new InboundMessage(Channel.APP, externalId, "Rue de la Paix 1, Paris", null));
        // As an inbound ticket.note event writes it.
        tickets.addNote(ticket, "integration:erp", "Invoice 2026-118 reissued");
        customers.changeTier(externalId, CustomerTier.VIP);

        List<String> expected = List.of("ticket.opened", "message.received", "ticket.routed", "ticket.assigned",
                "message.sent", "ticket.note_added", "message.received", "ticket.note_added");
        await().atMost(Duration.ofSeconds(30)).until(() -> ofTicket(ticket).size() >= expected.size());
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5))
                .until(() -> ofTicket(ticket).size() == expected.size());
        List<JsonNode> delivered = ofTicket(ticket);
        assertThat(delivered).extracting(e -> e.get("type").asText()).containsExactlyElementsOf(expected);
        assertThat(delivered).extracting(e -> e.get("eventId").asLong()).as("in event order, each once").isSorted()
                .doesNotHaveDuplicates().containsExactlyElementsOf(jdbc.sql("""
                        SELECT id FROM outbox_event WHERE aggregate_type = 'ticket' AND aggregate_id = ? ORDER BY id
                        """).param(ticket).query(Long.class).list());

        JsonNode first = delivered.get(1).get("message");
        assertThat(first.get("direction").asText()).isEqualTo("INBOUND");
        assertThat(first.get("author").asText()).isEqualTo(externalId);
        assertThat(first.get("channel").asText()).isEqualTo("APP");
        assertThat(first.get("text").asText()).isEqualTo("My invoice shows the wrong address");
        assertThat(first.get("attachments")).isEmpty();
        JsonNode reply = delivered.get(4);
        assertThat(reply.at("/message/direction").asText()).isEqualTo("OUTBOUND");
        assertThat(reply.at("/message/author").asText()).isEqualTo("agent-" + externalId);
        assertThat(reply.at("/message/text").asText()).isEqualTo("Which address should it show?");
        assertThat(reply.at("/ticket/status").asText()).as("the ticket as the reply left it").isEqualTo("ASSIGNED");
        assertThat(delivered.get(5).at("/note/text").asText()).isEqualTo("Customer moved last month");
        assertThat(delivered.get(6).at("/message/text").asText()).isEqualTo("Rue de la Paix 1, Paris");
        assertThat(delivered.get(7).at("/note/author").asText()).isEqualTo("integration:erp");

        List<JsonNode> customerEvents = ofCustomer(customers.findByExternalId(externalId).orElseThrow().id());
        assertThat(customerEvents).extracting(e -> e.at("/customer/tier").asText()).containsExactly("STANDARD", "VIP");
        assertThat(customerEvents).allMatch(e -> e.get("type").asText().equals("customer.changed") && !e.has("ticket"));
        assertThat(crm().accepted()).filteredOn(r -> r.body().contains("\"customer.changed\""))
                .allMatch(r -> "customer.changed".equals(r.header("X-Kefu-Event-Type")));
    }

    @Test
    void aCustomersEventsNeitherWaitBehindNorHoldBackTheTicketWithTheSameId() {
        String owner = register();
        crm().failNext(MAX_ATTEMPTS);
        long ticket = intake.receive(new InboundMessage(Channel.APP, owner, "Where is my refund?", Topic.BILLING))
                .ticketId();
        long ticketLetter = awaitDeadLetter("ticket", ticket);
        crm().clear();
        // Every customer opens one ticket here, so the customer with the ticket's number exists.
        Customer namesake = customers.get(ticket);

        customers.changeTier(namesake.externalId(), other(namesake.tier()));
        await().atMost(Duration.ofSeconds(20)).until(() -> ofCustomer(ticket).size() == 1);
        assertThat(ofTicket(ticket)).as("the ticket still waits behind its dead letter").isEmpty();
        assertThat(pending("ticket", ticket)).as("message.received, ticket.routed").isGreaterThanOrEqualTo(1);

        crm().failNext(MAX_ATTEMPTS);
        customers.changeTier(namesake.externalId(), namesake.tier());
        long customerLetter = awaitDeadLetter("customer", ticket);
        customers.updateContact(namesake.id(), null, "namesake-" + ticket + "@example.com");
        jdbc.sql("UPDATE outbox_delivery SET status = 'DISCARDED' WHERE id = ?").param(ticketLetter).update();
        await().atMost(Duration.ofSeconds(20)).until(() -> ofTicket(ticket).size() >= 2);
        assertThat(ofTicket(ticket)).extracting(e -> e.get("type").asText()).startsWith("message.received");
        assertThat(ofCustomer(ticket)).as("the customer's next change waits behind its own dead letter").hasSize(1);
        assertThat(pending("customer", ticket)).isEqualTo(1);

        jdbc.sql("UPDATE outbox_delivery SET status = 'PENDING', attempts = 0, next_attempt_at = CURRENT_TIMESTAMP,"
                + " pending_since = CURRENT_TIMESTAMP, dead_at = NULL WHERE id = ?").param(customerLetter).update();
        await().atMost(Duration.ofSeconds(20)).until(() -> ofCustomer(ticket).size() == 3);
        List<JsonNode> changes = ofCustomer(ticket);
        assertThat(changes).extracting(e -> e.get("eventId").asLong()).isSorted();
        assertThat(changes.get(2).at("/customer/email").asText()).isEqualTo("namesake-" + ticket + "@example.com");
    }

    private String register() {
        String externalId = "delivery-" + getClass().getSimpleName() + "-" + (++customer) + "-" + System.nanoTime();
        customers.register(externalId, "Customer " + customer, CustomerTier.STANDARD);
        // Its customer.changed goes through first: a failure a test asks for falls on what follows.
        await().atMost(Duration.ofSeconds(20)).until(() -> crm().accepted().stream()
                .anyMatch(r -> read(r.body()).path("customer").path("externalId").asText().equals(externalId)));
        return externalId;
    }

    private long awaitDeadLetter(String aggregateType, long aggregateId) {
        String dead = """
                SELECT id FROM outbox_delivery WHERE destination = 'crm' AND status = 'DEAD'
                   AND aggregate_type = ? AND aggregate_id = ?""";
        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.sql(dead).params(aggregateType, aggregateId)
                .query(Long.class).optional().isPresent());
        return jdbc.sql(dead).params(aggregateType, aggregateId).query(Long.class).single();
    }

    private int pending(String aggregateType, long aggregateId) {
        return jdbc.sql("""
                SELECT COUNT(*) FROM outbox_delivery WHERE destination = 'crm' AND status = 'PENDING'
                   AND aggregate_type = ? AND aggregate_id = ?""").params(aggregateType, aggregateId)
                .query(Integer.class).single();
    }

    private static CustomerTier other(CustomerTier tier) {
        return tier == CustomerTier.VIP ? CustomerTier.STANDARD : CustomerTier.VIP;
    }

    /** The ticket's events the CRM accepted, in the order it accepted them. */
    private List<JsonNode> ofTicket(long ticket) {
        return crm().accepted().stream().map(r -> read(r.body()))
                .filter(e -> e.path("ticket").path("id").asLong(-1) == ticket).toList();
    }

    /** The customer's events the CRM accepted, in the order it accepted them. */
    private List<JsonNode> ofCustomer(long customerId) {
        return crm().accepted().stream().map(r -> read(r.body()))
                .filter(e -> e.path("customer").path("id").asLong(-1) == customerId).toList();
    }

    private JsonNode read(String body) {
        try {
            return json.readTree(body);
        } catch (Exception e) {
            return json.createObjectNode();
        }
    }
}
