package io.kefu.sync;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;

import io.kefu.testing.IntercomServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The Intercom tickets destination end to end: tickets written in through {@code POST /api/messages}
 * and worked through the API, the outbox relay on its schedule, the routes of
 * {@code integrations/intercom/} and a loopback Intercom ({@link IntercomServer}) that checks every
 * request against Intercom's OpenAPI description and fails the test on any violation. Run on H2
 * ({@link IntercomDestinationTest}) and MariaDB ({@link MariaDbIntercomDestinationTest}).
 */
abstract class IntercomDestinationScenarios {

    static final String TOKEN = "dG9rOjEyMzQ1Njc4OmFiY2RlZg==";
    static final String ADMIN_PASSWORD = "intercom-admin";

    static void intercomAndRelay(DynamicPropertyRegistry registry, java.util.function.Supplier<IntercomServer> intercom) {
        registry.add("kefu.sync.intercom.token", () -> TOKEN);
        registry.add("kefu.sync.intercom.url", () -> intercom.get().url());
        registry.add("kefu.sync.intercom.ticket-type-id", () -> IntercomServer.TICKET_TYPE_ID);
        registry.add("kefu.sync.intercom.admin-id", () -> IntercomServer.ADMIN_ID);
        // Long enough for the stand-in's contract checks on a busy machine: a test's timeouts are its own.
        registry.add("kefu.sync.intercom.response-timeout", () -> "2500");
        registry.add("kefu.sync.intercom.unanswered-create-wait", () -> "PT6S");
        registry.add("kefu.sync.erp.enabled", () -> "false");
        registry.add("kefu.sync.relay.poll-interval", () -> "PT0.1S");
        // Whole seconds: MariaDB's next_attempt_at keeps none (sendFractionalSeconds=false), so shorter
        // back-offs there are due at once and the attempts of an unanswered create's wait run out.
        registry.add("kefu.sync.relay.first-retry", () -> "PT1S");
        registry.add("kefu.sync.relay.max-retry", () -> "PT2S");
        registry.add("kefu.sync.breaker.open-for", () -> "PT0.3S");
        registry.add("kefu.security.admin-password", () -> ADMIN_PASSWORD);
        registry.add("kefu.lifecycle.auto-close-after", () -> "PT2S");
        registry.add("kefu.lifecycle.soothe.after", () -> "PT1H");
    }

    /** The subclass's own Intercom (each application context has its own). */
    abstract IntercomServer intercom();

    @Autowired
    TestRestTemplate http;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    ObjectMapper json;
    @Autowired
    ProducerTemplate producer;
    @Autowired
    CamelContext camel;

    @BeforeEach
    void quietIntercom() {
        jdbc.sql("UPDATE outbox_delivery SET status = 'DISCARDED' WHERE status = 'DEAD'").update();
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql(
                "SELECT COUNT(*) FROM outbox_delivery WHERE status = 'PENDING'").query(Integer.class).single() == 0);
        intercom().clear();
    }

    @AfterEach
    void everyRequestKeptToTheContract() {
        assertThat(intercom().violations()).as("requests that broke Intercom's contract").isEmpty();
    }

    @Test
    void aTicketWrittenInThroughTheApiBecomesAnIntercomTicketWithTheMappedFields() {
        String customer = customer("VIP");
        long ticketId = message(customer, "Please change my invoice address, the company moved");
        JsonNode routed = awaitStatus(ticketId, "QUEUED");
        awaitDelivered(ticketId);

        IntercomServer.Ticket ticket = theIntercomTicketOf(ticketId);
        assertThat(ticket.attributes()).containsEntry("_default_title_", "Kefu #" + ticketId + " "
                + routed.get("topic").asText()).containsEntry("kefu_ticket_id", Long.toString(ticketId))
                .containsEntry("kefu_queue", routed.get("queue").asText()).containsEntry("kefu_assignee", "");
        assertThat(ticket.attributes().get("_default_description_"))
                .startsWith("Kefu ticket #" + ticketId + " from " + customer + " (VIP) by WEB, opened ");
        assertThat(ticket.stateCategory()).isEqualTo("submitted");
        assertThat(ticket.open()).isTrue();
        assertThat(ticket.tags()).containsExactlyInAnyOrder("kefu priority: " + routed.get("priority").asText(),
                "kefu queue: " + routed.get("queue").asText(), "kefu topic: " + routed.get("topic").asText());
        JsonNode contact = intercom().contact(customer);
        assertThat(contact).as("the customer's contact, created by external id").isNotNull();
        assertThat(ticket.contactId()).isEqualTo(contact.get("id").asText());
        assertThat(intercom().attributes()).as("added to the ticket type by Kefu")
                .containsKeys("kefu_ticket_id", "kefu_queue", "kefu_assignee");
        assertThat(jdbc.sql("SELECT intercom_ticket_id FROM intercom_ticket WHERE ticket_id = ?").param(ticketId)
                .query(String.class).single()).isEqualTo(ticket.id());
        assertThat(creates(ticketId)).as("one create").hasSize(1);

        assertThat(admin().postForObject("/api/tickets/" + ticketId + "/abandon", null, JsonNode.class)
                .get("status").asText()).isEqualTo("CLOSED");
        awaitDelivered(ticketId);
        assertThat(theIntercomTicketOf(ticketId).open()).isFalse();
        intercom().forgetReceived();
        long second = message(customer, "And the invoice number is wrong as well");
        awaitStatus(second, "QUEUED");
        awaitDelivered(second);
        assertThat(theIntercomTicketOf(second).contactId()).as("the same contact, remembered").isEqualTo(ticket.contactId());
        assertThat(intercom().received()).noneMatch(r -> r.path().equals("/contacts") || r.path().equals("/contacts/search"));
    }

    @Test
    void claimPriorityResolveAndCloseUpdateTheIntercomTicketAndItsTags() {
        long ticketId = message(customer("STANDARD"), "I was charged twice for my order");
        awaitStatus(ticketId, "QUEUED");
        awaitDelivered(ticketId);
        String intercomId = theIntercomTicketOf(ticketId).id();
        String before = theIntercomTicketOf(ticketId).tags().stream().filter(t -> t.startsWith("kefu priority: "))
                .findFirst().orElseThrow();

        assertThat(admin().postForObject("/api/tickets/" + ticketId + "/claim", null, JsonNode.class)
                .get("status").asText()).isEqualTo("ASSIGNED");
        awaitDelivered(ticketId);
        assertThat(theIntercomTicketOf(ticketId).stateCategory()).isEqualTo("in_progress");
        assertThat(theIntercomTicketOf(ticketId).attributes()).containsEntry("kefu_assignee", "admin");

        assertThat(admin().postForObject("/api/tickets/" + ticketId + "/priority", Map.of("priority", "URGENT"),
                JsonNode.class).get("priority").asText()).isEqualTo("URGENT");
        awaitDelivered(ticketId);
        assertThat(theIntercomTicketOf(ticketId).tags()).contains("kefu priority: URGENT").doesNotContain(before);
        assertThat(intercom().received()).anyMatch(r -> r.method().equals("DELETE")
                && r.path().startsWith("/tickets/" + intercomId + "/tags/") && r.status() == 200);

        assertThat(admin().postForObject("/api/tickets/" + ticketId + "/resolve", null, JsonNode.class)
                .get("status").asText()).isEqualTo("RESOLVED");
        await().atMost(Duration.ofSeconds(30)).until(() -> !theIntercomTicketOf(ticketId).open());

        IntercomServer.Ticket closed = theIntercomTicketOf(ticketId);
        assertThat(closed.stateCategory()).isEqualTo("resolved");
        assertThat(events(ticketId)).containsSubsequence("ticket.assigned", "ticket.priority_changed",
                "ticket.resolved", "ticket.closed");
        List<String> updates = intercom().received().stream()
                .filter(r -> r.method().equals("PUT") && r.path().equals("/tickets/" + intercomId) && r.status() == 200)
                .map(r -> r.json().get("ticket_state_id").asText() + (r.json().get("open").asBoolean() ? "" : " closed"))
                .toList();
        // The first message's event may update the ticket once more (its ticket is read back from the database,
        // whose timestamps MariaDB keeps to the second): the same state, so consecutive repeats are one step.
        assertThat(withoutRepeats(updates)).as("opened, routed, assigned, resolved, closed, in order; the priority change needed none")
                .containsExactly("8353", "8354", "8356", "8356 closed");
        assertThat(creates(ticketId)).as("all on the one ticket").hasSize(1);
    }

    @Test
    void intercomDownForAWhileGetsEverythingOnceAndInOrderAfterwards() {
        intercom().failNext(7);
        List<Long> tickets = List.of(message(customer("STANDARD"), "Where is my parcel? It is late"),
                message(customer("VIP"), "My invoice shows the wrong VAT number"));
        for (long ticketId : tickets) {
            awaitStatus(ticketId, "QUEUED");
            awaitDelivered(ticketId);
        }

        assertThat(intercom().received()).as("Intercom refused some first").anyMatch(r -> r.status() == 500);
        for (long ticketId : tickets) {
            IntercomServer.Ticket ticket = theIntercomTicketOf(ticketId);
            assertThat(creates(ticketId).stream().filter(r -> r.status() == 200)).as("created once").hasSize(1);
            List<JsonNode> updates = intercom().received().stream().filter(r -> r.method().equals("PUT")
                    && r.path().equals("/tickets/" + ticket.id()) && r.status() == 200).map(IntercomServer.Received::json)
                    .toList();
            assertThat(withoutRepeats(updates.stream().map(u -> u.get("ticket_attributes").get("kefu_queue").asText()).toList()))
                    .as("opened (and its first message), then routed: in event order").containsExactly("",
                            awaitStatus(ticketId, "QUEUED").get("queue").asText());
            List<String> tagged = intercom().received().stream().filter(r -> r.method().equals("POST")
                    && r.path().equals("/tickets/" + ticket.id() + "/tags") && r.status() == 200)
                    .map(r -> r.json().get("id").asText()).toList();
            assertThat(tagged).as("each tag put on once").doesNotHaveDuplicates();
            assertThat(ticket.tags()).hasSize(3);
        }
        assertThat(deadLetters()).isZero();
    }

    @Test
    void aCreateWhoseAnswerWasLostIsFoundAgainNotMadeTwice() {
        intercom().loseNextCreateAnswer(4_000);
        long ticketId = message(customer("STANDARD"), "The app logs me out all the time");
        awaitStatus(ticketId, "QUEUED");
        awaitDelivered(ticketId);

        assertThat(intercom().ticketsOf(ticketId)).as("one Intercom ticket").hasSize(1);
        assertThat(creates(ticketId)).as("the create Intercom carried out and never answered, not repeated")
                .extracting(IntercomServer.Received::status).containsExactly(0);
        Map<String, Object> opened = jdbc.sql("""
                SELECT d.status, d.attempts FROM outbox_delivery d JOIN outbox_event e ON e.id = d.event_id
                 WHERE e.aggregate_id = ? AND e.event_type = 'ticket.opened' AND d.destination = 'intercom'
                """).param(ticketId).query().singleRow();
        assertThat(opened).containsEntry("status", "DELIVERED");
        assertThat(((Number) opened.get("attempts")).intValue()).as("the timed-out attempt, then the one that found it")
                .isEqualTo(2);
        assertThat(jdbc.sql("SELECT intercom_ticket_id FROM intercom_ticket WHERE ticket_id = ?").param(ticketId)
                .query(String.class).single()).isEqualTo(theIntercomTicketOf(ticketId).id());
    }

    @Test
    void aCreateWithoutAnswerThatIntercomsSearchDoesNotShowYetIsWaitedForNotMadeTwice() {
        intercom().searchLag(4_000);
        intercom().loseNextCreateAnswer(3_000);
        long ticketId = message(customer("STANDARD"), "Order 12 never arrived");
        awaitStatus(ticketId, "QUEUED");
        awaitDelivered(ticketId);

        assertThat(intercom().ticketsOf(ticketId)).hasSize(1);
        assertThat(creates(ticketId)).extracting(IntercomServer.Received::status).containsExactly(0);
        assertThat(intercom().received().stream().filter(r -> r.path().equals("/tickets/search")).count())
                .as("searched until the index showed it").isGreaterThanOrEqualTo(3);
    }

    @Test
    void aCreateWithoutAnswerThatNeverShowsIsSentAgainOnceTheWaitIsOver() {
        intercom().dropNextCreate(3_000);
        long started = System.currentTimeMillis();
        long ticketId = message(customer("STANDARD"), "I need an invoice for order 31");
        awaitStatus(ticketId, "QUEUED");
        awaitDelivered(ticketId);

        assertThat(intercom().ticketsOf(ticketId)).hasSize(1);
        assertThat(creates(ticketId)).extracting(IntercomServer.Received::status).containsExactly(0, 200);
        assertThat(System.currentTimeMillis() - started).as("not before unanswered-create-wait PT6S")
                .isGreaterThanOrEqualTo(6_000);
    }

    @Test
    void anIntercomIdKefuLostIsFoundBySearchAtTheNextEvent() {
        long ticketId = message(customer("STANDARD"), "My coupon code does not work");
        awaitStatus(ticketId, "QUEUED");
        awaitDelivered(ticketId);
        String intercomId = theIntercomTicketOf(ticketId).id();
        // As after a crash between Intercom's answer and the stored id.
        jdbc.sql("DELETE FROM intercom_ticket_tag WHERE ticket_id = ?").param(ticketId).update();
        jdbc.sql("DELETE FROM intercom_ticket WHERE ticket_id = ?").param(ticketId).update();
        intercom().forgetReceived();

        admin().postForObject("/api/tickets/" + ticketId + "/priority", Map.of("priority", "LOW"), JsonNode.class);
        awaitDelivered(ticketId);

        assertThat(intercom().ticketsOf(ticketId)).hasSize(1);
        assertThat(theIntercomTicketOf(ticketId).tags()).contains("kefu priority: LOW");
        assertThat(creates(ticketId)).isEmpty();
        assertThat(jdbc.sql("SELECT intercom_ticket_id FROM intercom_ticket WHERE ticket_id = ?").param(ticketId)
                .query(String.class).single()).isEqualTo(intercomId);
    }

    @Test
    void repliesAndNotesArriveAsPartsOfTheTicketAndUnmappedEventsAsNothing() {
        String customer = customer("STANDARD");
        long ticketId = message(customer, "Can I return the shoes I bought?");
        awaitStatus(ticketId, "QUEUED");
        awaitDelivered(ticketId);
        intercom().forgetReceived();

        deliver(event(ticketId, "message.sent", "message", Map.of("id", 501, "conversationId", 1, "direction", "OUTBOUND",
                "author", "admin", "channel", "WEB", "text", "Yes, within 30 days.\nKeep the receipt.",
                "createdAt", "2026-12-03T08:00:00Z")));
        deliver(event(ticketId, "message.received", "message", Map.of("id", 502, "direction", "INBOUND",
                "author", customer, "channel", "WEB", "text", "Great <3 thanks")));
        deliver(event(ticketId, "ticket.note_added", "note", Map.of("id", 7, "author", "li.na",
                "text", "Offered a label", "createdAt", "2026-12-03T08:05:00Z")));
        int before = intercom().received().size();
        deliver(event(ticketId, "ticket.sla_warning", null, null));
        deliver(event(ticketId, "survey.answered", null, null));
        assertThat(intercom().received()).as("left out on purpose").hasSize(before);

        IntercomServer.Ticket ticket = theIntercomTicketOf(ticketId);
        assertThat(ticket.parts()).containsExactly(
                // The customer's first message, a real message.received of the intake.
                new IntercomServer.Part("comment", "user", ticket.contactId(), "Can I return the shoes I bought?"),
                new IntercomServer.Part("comment", "admin", IntercomServer.ADMIN_ID, "Yes, within 30 days.<br>Keep the receipt."),
                new IntercomServer.Part("comment", "user", ticket.contactId(), "Great &lt;3 thanks"),
                new IntercomServer.Part("note", "admin", IntercomServer.ADMIN_ID,
                        "<p><b>li.na</b> (Kefu note)</p><p>Offered a label</p>"));
        assertThat(intercom().received()).as("nothing about the ticket itself changed: replies only")
                .allMatch(r -> r.path().endsWith("/reply"));
    }

    @Test
    void aLaterEventOfATicketIntercomNeverHadCreatesItFirst() {
        String customer = customer("STANDARD");
        long ticketId = message(customer, "Der Artikel ist beschädigt angekommen");
        awaitStatus(ticketId, "QUEUED");
        awaitDelivered(ticketId);
        // As if the destination had been switched on only now.
        intercom().forget(ticketId);
        jdbc.sql("DELETE FROM intercom_ticket_tag WHERE ticket_id = ?").param(ticketId).update();
        jdbc.sql("DELETE FROM intercom_ticket WHERE ticket_id = ?").param(ticketId).update();
        intercom().forgetReceived();

        deliver(event(ticketId, "message.received", "message", Map.of("id", 601, "direction", "INBOUND",
                "author", customer, "text", "Hallo? Any news?")));

        IntercomServer.Ticket ticket = theIntercomTicketOf(ticketId);
        assertThat(ticket.stateCategory()).isEqualTo("submitted");
        assertThat(ticket.tags()).hasSize(3);
        assertThat(ticket.parts()).containsExactly(new IntercomServer.Part("comment", "user", ticket.contactId(),
                "Hallo? Any news?"));
        assertThat(intercom().received()).extracting(r -> r.method() + " " + r.path().replaceAll("/\\d+", "/{id}"))
                .startsWith("POST /tickets/search", "POST /tickets", "PUT /tickets/{id}")
                .endsWith("POST /tickets/{id}/reply");
    }

    @Test
    void aRefusalIsADeadLetterAtOnceThatKeepsIntercomsAnswerAndHoldsTheTicketBack() {
        intercom().refuseNext("PUT", "/tickets/\\d+", 400, "ticket_state_id_invalid",
                "Ticket state id is not valid or is not associated with the ticket type");
        long ticketId = message(customer("STANDARD"), "Please delete my account");

        await().atMost(Duration.ofSeconds(20)).until(() -> deadLetters() == 1);
        Map<String, Object> dead = jdbc.sql("""
                SELECT d.id, d.attempts, d.last_error FROM outbox_delivery d JOIN outbox_event e ON e.id = d.event_id
                 WHERE e.aggregate_id = ? AND d.destination = 'intercom' AND d.status = 'DEAD'
                """).param(ticketId).query().singleRow();
        assertThat(((Number) dead.get("attempts")).intValue()).as("not retried").isEqualTo(1);
        assertThat((String) dead.get("last_error")).startsWith("DeliveryRefused: Intercom refused PUT /tickets/")
                .contains("with 400", "ticket_state_id_invalid", "not associated with the ticket type");
        JsonNode letters = admin().getForObject("/api/sync/dead-letters?destination=intercom", JsonNode.class);
        assertThat(letters.get("items").get(0).get("eventType").asText()).isEqualTo("ticket.opened");
        assertThat(letters.get("items").get(0).get("lastError").asText()).contains("ticket_state_id_invalid");
        awaitStatus(ticketId, "QUEUED");
        assertThat(jdbc.sql("""
                SELECT COUNT(*) FROM outbox_delivery WHERE aggregate_id = ? AND destination = 'intercom' AND status = 'PENDING'
                """).param(ticketId).query(Integer.class).single()).as("the first message and routed wait behind it")
                .isEqualTo(2);
        assertThat(theIntercomTicketOf(ticketId).attributes()).as("not updated since")
                .containsEntry("kefu_queue", "");

        ResponseEntity<JsonNode> replayed = admin().postForEntity("/api/sync/dead-letters/" + dead.get("id") + "/replay",
                null, JsonNode.class);
        assertThat(replayed.getStatusCode()).isEqualTo(HttpStatus.OK);
        awaitDelivered(ticketId);
        assertThat(theIntercomTicketOf(ticketId).attributes().get("kefu_queue")).isNotEmpty();
        assertThat(creates(ticketId)).as("the replay went on with the ticket it had").hasSize(1);
    }

    @Test
    void theRoutesExistBecauseAnIntercomTokenIsSet() {
        assertThat(camel.getRoute("intercom-ticket-sync")).isNotNull();
        assertThat(camel.getRoute("intercom-api")).isNotNull();
    }

    // --- helpers

    TestRestTemplate admin() {
        return http.withBasicAuth("admin", ADMIN_PASSWORD);
    }

    String customer(String tier) {
        String externalId = "ic-" + tier.toLowerCase() + "-" + System.nanoTime();
        assertThat(admin().postForEntity("/api/customers", Map.of("externalId", externalId, "name", "测试 " + tier,
                "tier", tier), JsonNode.class).getStatusCode()).isEqualTo(HttpStatus.CREATED);
        return externalId;
    }

    long message(String customer, String text) {
        ResponseEntity<JsonNode> posted = admin().postForEntity("/api/messages", Map.of("channel", "web",
                "customerExternalId", customer, "text", text), JsonNode.class);
        assertThat(posted.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        return posted.getBody().get("ticketId").asLong();
    }

    JsonNode awaitStatus(long ticketId, String status) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> admin().getForObject("/api/tickets/" + ticketId,
                JsonNode.class), t -> status.equals(t.path("status").asText()));
    }

    /** Until every event of the ticket so far is delivered to Intercom. */
    void awaitDelivered(long ticketId) {
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql("""
                SELECT COUNT(*) FROM outbox_delivery WHERE aggregate_id = ? AND destination = 'intercom'
                   AND status <> 'DELIVERED'
                """).param(ticketId).query(Integer.class).single() == 0);
    }

    IntercomServer.Ticket theIntercomTicketOf(long ticketId) {
        List<IntercomServer.Ticket> tickets = intercom().ticketsOf(ticketId);
        assertThat(tickets).as("Intercom tickets of Kefu ticket " + ticketId).hasSize(1);
        return tickets.get(0);
    }

    List<IntercomServer.Received> creates(long ticketId) {
        Predicate<IntercomServer.Received> ofTicket = r -> r.json().path("ticket_attributes").path("kefu_ticket_id")
                .asText().equals(Long.toString(ticketId));
        return intercom().received().stream().filter(r -> r.method().equals("POST") && r.path().equals("/tickets"))
                .filter(ofTicket).toList();
    }

    List<String> events(long ticketId) {
        return jdbc.sql("SELECT event_type FROM outbox_event WHERE aggregate_id = ? ORDER BY id").param(ticketId)
                .query(String.class).list();
    }

    int deadLetters() {
        return jdbc.sql("SELECT COUNT(*) FROM outbox_delivery WHERE destination = 'intercom' AND status = 'DEAD'")
                .query(Integer.class).single();
    }

    /**
     * An event as the relay hands it to the route, with the ticket as the outbox has it now: for the
     * event types the outbox does not write yet (messages, notes) and those the mapping leaves out.
     */
    ObjectNode event(long ticketId, String type, String part, Map<String, Object> fields) {
        try {
            ObjectNode event = json.createObjectNode().put("eventId", 900_000 + System.nanoTime() % 100_000)
                    .put("type", type).put("occurredAt", java.time.Instant.now().toString());
            event.set("ticket", json.readTree(jdbc.sql("SELECT payload FROM outbox_event WHERE aggregate_id = ? "
                    + "ORDER BY id DESC LIMIT 1").param(ticketId).query(String.class).single()));
            if (part != null) {
                event.set(part, json.valueToTree(fields));
            }
            return event;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The values with consecutive repeats made one. */
    static List<String> withoutRepeats(List<String> values) {
        List<String> steps = new java.util.ArrayList<>();
        for (String value : values) {
            if (steps.isEmpty() || !steps.get(steps.size() - 1).equals(value)) {
                steps.add(value);
            }
        }
        return steps;
    }

    void deliver(ObjectNode event) {
        Exchange done = producer.send("direct:intercom-ticket-sync", exchange -> exchange.getIn().setBody(event));
        assertThat(done.getException()).as("delivered").isNull();
    }
}
