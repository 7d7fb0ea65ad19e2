package io.kefu.sync;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.kefu.customer.CustomerService;
import io.kefu.customer.CustomerTier;
import io.kefu.intake.InboundMessage;
import io.kefu.intake.IntakeService;
import io.kefu.ticket.Topic;
import io.kefu.testing.H2Database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The RabbitMQ destination against the real local broker (127.0.0.1:5672, guest/guest), counted at
 * a durable queue bound to {@code kefu.tickets}: every event of several tickets (their messages
 * included) arrives once, in order per ticket, persistent, with the event type as routing key and the
 * event's headers, and their customers' {@code customer.changed} without a ticket id; a
 * publish the broker nacks (a full queue that rejects publishes) is a failed attempt, retried until
 * the broker confirms it; and
 * with the broker stopped ({@code rabbitmqctl stop_app}) and started again while tickets are being
 * written, every event still arrives, in order per ticket, and the outbox marks each delivered once.
 * The broker is always started again, and the test's queue deleted (and the exchange, when this test
 * made it), so the broker is left as it was found.
 */
@H2Database("rabbitmq-destination")
@SpringBootTest
class RabbitMqDestinationTest {

    private static final Logger log = LoggerFactory.getLogger(RabbitMqDestinationTest.class);
    static final String URL = "amqp://guest:guest@127.0.0.1:5672";
    static final String EXCHANGE = "kefu.tickets";

    static boolean exchangeWasThere;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("kefu.sync.rabbitmq.url", () -> URL);
        registry.add("kefu.sync.erp.enabled", () -> "false");
        registry.add("kefu.sync.relay.poll-interval", () -> "PT0.1S");
        registry.add("kefu.sync.relay.first-retry", () -> "PT0.2S");
        registry.add("kefu.sync.relay.max-retry", () -> "PT1S");
        // The outage must not turn events into dead letters: this test counts that none is lost.
        registry.add("kefu.sync.relay.max-attempts", () -> "1000");
        registry.add("kefu.sync.breaker.open-for", () -> "PT1S");
        registry.add("kefu.sync.rabbitmq.confirm-timeout", () -> "3000");
    }

    @Autowired
    IntakeService intake;
    @Autowired
    CustomerService customers;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    ObjectMapper json;

    private String queue;
    private int customer;

    @BeforeAll
    static void noteTheExchange() throws Exception {
        try (Connection connection = broker().newConnection(); Channel channel = connection.createChannel()) {
            channel.exchangeDeclarePassive(EXCHANGE);
            exchangeWasThere = true;
        } catch (IOException notFound) {
            exchangeWasThere = false;
        }
    }

    @AfterAll
    static void leaveTheBrokerAsFound() throws Exception {
        if (!exchangeWasThere) {
            try (Connection connection = broker().newConnection(); Channel channel = connection.createChannel()) {
                channel.exchangeDelete(EXCHANGE);
            }
        }
    }

    @BeforeEach
    void bindAQueue() throws Exception {
        // Earlier tests' events are out of the way before this one's queue exists.
        await().atMost(Duration.ofSeconds(60)).until(() -> jdbc.sql(
                "SELECT COUNT(*) FROM outbox_delivery WHERE status = 'PENDING'").query(Integer.class).single() == 0);
        queue = "kefu-test-" + UUID.randomUUID();
        try (Connection connection = broker().newConnection(); Channel channel = connection.createChannel()) {
            // The same declaration as the application's (RabbitMqExchange): durable topic exchange.
            channel.exchangeDeclare(EXCHANGE, "topic", true);
            // Durable and not exclusive, so the queue and its persistent messages outlive stop_app.
            channel.queueDeclare(queue, true, false, false, null);
            channel.queueBind(queue, EXCHANGE, "ticket.#");
            channel.queueBind(queue, EXCHANGE, "message.#");
            channel.queueBind(queue, EXCHANGE, "customer.#");
        }
    }

    @AfterEach
    void deleteTheQueue() throws Exception {
        try (Connection connection = broker().newConnection(); Channel channel = connection.createChannel()) {
            channel.queueDelete(queue);
        }
    }

    @Test
    void publishesEveryEventOfSeveralTicketsOnceInOrderAsPersistentMessagesRoutedByEventType() throws Exception {
        List<Long> tickets = List.of(open("Please change my invoice address", Topic.BILLING),
                open("我的账号登录不了", null), open("Invoice missing for March", Topic.BILLING));

        // ticket.opened, message.received, ticket.routed
        await().atMost(Duration.ofSeconds(60)).until(() -> tickets.stream().allMatch(t -> delivered(t).size() >= 3));
        Map<Long, List<Long>> deliveredBefore = new LinkedHashMap<>();
        tickets.forEach(t -> deliveredBefore.put(t, delivered(t)));

        List<Received> received = drain();
        for (long ticket : tickets) {
            List<Received> ofTicket = received.stream().filter(r -> r.ticketId() == ticket).toList();
            List<Long> eventIds = ofTicket.stream().map(Received::eventId).toList();
            assertThat(eventIds).as("ticket %s: in event order, each once", ticket).isSorted().doesNotHaveDuplicates()
                    .containsAll(deliveredBefore.get(ticket));
            assertThat(eventIds).as("nothing the outbox has not delivered").isSubsetOf(delivered(ticket));
            assertThat(ofTicket.get(0).type()).isEqualTo("ticket.opened");
            for (Received message : ofTicket) {
                assertThat(message.routingKey()).isEqualTo(message.type());
                assertThat(message.deliveryMode()).as("persistent").isEqualTo(2);
                assertThat(message.contentType()).isEqualTo("application/json");
                assertThat(message.messageId()).isEqualTo("kefu-event-" + message.eventId());
                assertThat(message.headers()).containsEntry("kefu-event-id", Long.toString(message.eventId()))
                        .containsEntry("kefu-event-type", message.type())
                        .containsEntry("kefu-ticket-id", Long.toString(ticket))
                        .containsEntry("kefu-schema-version", jdbc.sql("SELECT event_version FROM outbox_event WHERE id = ?")
                                .param(message.eventId()).query(String.class).single());
                assertThat(message.headers()).containsEntry("kefu-aggregate-type", "ticket")
                        .containsEntry("kefu-aggregate-id", Long.toString(ticket));
                assertThat(message.headers().keySet()).as("no internal header leaks")
                        .noneMatch(h -> h.startsWith("kefuEvent") || h.startsWith("kefuAggregate"));
            }
        }
        assertThat(received.stream().map(Received::type).collect(Collectors.toSet())).contains("ticket.opened",
                "message.received", "ticket.routed", "customer.changed");
        List<Received> customerChanges = received.stream().filter(r -> r.type().equals("customer.changed")).toList();
        assertThat(customerChanges).as("the customers registered").hasSizeGreaterThanOrEqualTo(tickets.size())
                .allSatisfy(r -> {
                    assertThat(r.routingKey()).isEqualTo("customer.changed");
                    assertThat(r.headers()).containsEntry("kefu-aggregate-type", "customer")
                            .containsKey("kefu-aggregate-id").doesNotContainKey("kefu-ticket-id");
                });
    }

    @Test
    void everyEventArrivesInOrderAfterTheBrokerIsStoppedAndStartedAgainWhileTicketsAreWritten() throws Exception {
        Instant begun = Instant.now();
        List<Long> tickets = new CopyOnWriteArrayList<>();
        // A ticket every 200 ms (the machine is shared: not as fast as it can).
        ScheduledExecutorService writer = Executors.newSingleThreadScheduledExecutor();
        ScheduledFuture<?> writing = writer.scheduleWithFixedDelay(
                () -> tickets.add(open("Invoice question " + tickets.size(), Topic.BILLING)), 0, 200, TimeUnit.MILLISECONDS);
        int writtenBeforeStop;
        Instant stopped;
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> !tickets.isEmpty() && !delivered(tickets.get(0)).isEmpty());
            rabbitmqctl("stop_app");
            stopped = Instant.now();
            writtenBeforeStop = tickets.size();
            // Down for ~5 s while tickets go on being written, and until the relay has seen it fail.
            await().atMost(Duration.ofSeconds(30)).until(() -> failedWhileDown()
                    && tickets.size() >= writtenBeforeStop + 2
                    && Duration.between(stopped, Instant.now()).compareTo(Duration.ofSeconds(5)) >= 0);
        } finally {
            rabbitmqctl("start_app");
        }
        Duration down = Duration.between(stopped, Instant.now());
        int writtenWhileDown = tickets.size() - writtenBeforeStop;
        await().atMost(Duration.ofSeconds(30)).until(() -> tickets.size() >= writtenBeforeStop + writtenWhileDown + 2);
        // A periodic task that threw is done (and runs no more).
        assertThat(writing.isDone()).as("the writer never failed").isFalse();
        writer.shutdown();
        assertThat(writer.awaitTermination(30, TimeUnit.SECONDS)).isTrue();

        await().atMost(Duration.ofSeconds(60)).until(() -> jdbc.sql(
                "SELECT COUNT(*) FROM outbox_delivery WHERE destination = 'rabbitmq' AND status <> 'DELIVERED'")
                .query(Integer.class).single() == 0 && tickets.stream().allMatch(t -> delivered(t).size() >= 3));
        List<Received> received = drain();

        int duplicates = 0;
        for (long ticket : tickets) {
            List<Long> eventIds = received.stream().filter(r -> r.ticketId() == ticket).map(Received::eventId).toList();
            List<Long> expected = delivered(ticket);
            // At least once: an event whose confirm was lost with the connection is published again.
            // Its copies arrive next to each other (the ticket's next event waits for its confirm).
            assertThat(eventIds.stream().distinct().toList()).as("ticket %s: every event, in order", ticket)
                    .containsExactlyElementsOf(expected);
            assertThat(eventIds).as("ticket %s: in event order", ticket).isSorted();
            duplicates += eventIds.size() - expected.size();
            eventIds.stream().filter(id -> eventIds.indexOf(id) != eventIds.lastIndexOf(id)).distinct()
                    .forEach(id -> log.info("Event {} arrived twice; its delivery took {} attempts", id, jdbc.sql(
                            "SELECT attempts FROM outbox_delivery WHERE destination = 'rabbitmq' AND event_id = ?")
                            .param(id).query(Integer.class).single()));
        }
        assertThat(jdbc.sql("""
                SELECT COUNT(*) FROM outbox_delivery WHERE destination = 'rabbitmq' AND status = 'DELIVERED'
                   AND aggregate_type = 'ticket' AND aggregate_id IN (:tickets)""").param("tickets", tickets)
                .query(Integer.class).single())
                .as("the outbox marked each delivered once")
                .isEqualTo(jdbc.sql(
                        "SELECT COUNT(*) FROM outbox_event WHERE aggregate_type = 'ticket' AND aggregate_id IN (:tickets)")
                        .param("tickets", tickets).query(Integer.class).single());
        int failedAttempts = jdbc.sql("""
                SELECT COALESCE(SUM(attempts - 1), 0) FROM outbox_delivery
                 WHERE destination = 'rabbitmq' AND aggregate_type = 'ticket' AND aggregate_id IN (:tickets)""")
                .param("tickets", tickets)
                .query(Integer.class).single();
        log.info("RabbitMQ outage: {} tickets ({} written while the broker was down for {} ms), {} events received, "
                + "{} duplicates, {} failed attempts retried, {} ms in all", tickets.size(), writtenWhileDown,
                down.toMillis(), received.size(), duplicates, failedAttempts,
                Duration.between(begun, Instant.now()).toMillis());
        assertThat(failedAttempts).as("the outage was noticed and retried").isPositive();
    }

    @Test
    void aPublishTheBrokerRefusesIsAFailedAttemptRetriedUntilTheBrokerConfirmsIt() throws Exception {
        // A bound queue that is full and rejects publishes: the broker nacks every message routed to it.
        String full = "kefu-test-full-" + UUID.randomUUID();
        try (Connection connection = broker().newConnection(); Channel channel = connection.createChannel()) {
            channel.queueDeclare(full, true, false, false, Map.of("x-max-length", 1, "x-overflow", "reject-publish"));
            // The filler confirmed and counted before the queue is bound: only then is it full.
            channel.confirmSelect();
            channel.basicPublish("", full, null, "filler".getBytes());
            channel.waitForConfirmsOrDie(5_000);
            await().atMost(Duration.ofSeconds(10)).until(() -> channel.queueDeclarePassive(full).getMessageCount() == 1);
            channel.queueBind(full, EXCHANGE, "ticket.#");
        }
        long ticket;
        try {
            ticket = open("Please change my invoice address", Topic.BILLING);
            await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql("""
                    SELECT COUNT(*) FROM outbox_delivery WHERE destination = 'rabbitmq' AND aggregate_type = 'ticket'
                       AND aggregate_id = ?
                       AND status = 'PENDING' AND attempts >= 1 AND last_error IS NOT NULL""").param(ticket)
                    .query(Integer.class).single() > 0);
            assertThat(delivered(ticket)).as("nothing counts as delivered while the broker nacks").isEmpty();
        } finally {
            try (Connection connection = broker().newConnection(); Channel channel = connection.createChannel()) {
                channel.queueDelete(full);
            }
        }

        await().atMost(Duration.ofSeconds(30)).until(() -> delivered(ticket).size() >= 3);
        List<Long> expected = delivered(ticket);
        List<Long> eventIds = drain().stream().filter(r -> r.ticketId() == ticket).map(Received::eventId).toList();
        // The other bound queue took the nacked copies too (RabbitMQ nacks when any queue refuses).
        assertThat(eventIds.stream().distinct().toList()).containsAll(expected).isSorted();
        assertThat(jdbc.sql("SELECT attempts FROM outbox_delivery WHERE destination = 'rabbitmq' AND event_id = ?")
                .param(expected.get(0)).query(Integer.class).single()).as("failed, then confirmed").isGreaterThan(1);
    }

    private long open(String text, Topic topic) {
        String externalId = "rabbitmq-" + (++customer) + "-" + System.nanoTime();
        customers.register(externalId, "Customer " + customer, CustomerTier.STANDARD);
        return intake.receive(new InboundMessage(io.kefu.ticket.Channel.APP, externalId, text, topic)).ticketId();
    }

    /** The ticket's events the outbox has marked delivered to RabbitMQ, in event order. */
    private List<Long> delivered(long ticket) {
        return jdbc.sql("""
                SELECT event_id FROM outbox_delivery WHERE destination = 'rabbitmq' AND aggregate_type = 'ticket'
                   AND aggregate_id = ?
                   AND status = 'DELIVERED' ORDER BY event_id""").param(ticket).query(Long.class).list();
    }

    private boolean failedWhileDown() {
        return jdbc.sql("""
                SELECT COUNT(*) FROM outbox_delivery WHERE destination = 'rabbitmq' AND status = 'PENDING'
                   AND last_error IS NOT NULL""").query(Integer.class).single() > 0;
    }

    /** Every message in the test's queue, in queue order (acknowledged: the queue is left empty). */
    private List<Received> drain() throws Exception {
        List<Received> received = new ArrayList<>();
        try (Connection connection = broker().newConnection(); Channel channel = connection.createChannel()) {
            GetResponse message;
            while ((message = channel.basicGet(queue, true)) != null) {
                JsonNode body = json.readTree(message.getBody());
                Map<String, String> headers = new LinkedHashMap<>();
                if (message.getProps().getHeaders() != null) {
                    message.getProps().getHeaders().forEach((k, v) -> headers.put(k, String.valueOf(v)));
                }
                received.add(new Received(body.path("eventId").asLong(-1), body.path("type").asText(),
                        body.path("ticket").path("id").asLong(-1), message.getEnvelope().getRoutingKey(),
                        message.getProps().getDeliveryMode(), message.getProps().getContentType(),
                        message.getProps().getMessageId(), headers));
            }
        }
        return received;
    }

    private static ConnectionFactory broker() throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setUri(URL);
        factory.setAutomaticRecoveryEnabled(false);
        return factory;
    }

    /** Runs {@code rabbitmqctl <command>} and, for start_app, waits until the broker takes connections. */
    private static void rabbitmqctl(String command) throws Exception {
        Process process = new ProcessBuilder("rabbitmqctl", "-q", command).redirectErrorStream(true).start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new TimeoutException("rabbitmqctl " + command + " did not finish");
        }
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.exitValue()).as("rabbitmqctl %s: %s", command, output).isZero();
        if (command.equals("start_app")) {
            await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> {
                try (Connection connection = broker().newConnection()) {
                    return connection.isOpen();
                }
            });
        }
    }

    private record Received(long eventId, String type, long ticketId, String routingKey, Integer deliveryMode,
            String contentType, String messageId, Map<String, String> headers) {
    }
}
