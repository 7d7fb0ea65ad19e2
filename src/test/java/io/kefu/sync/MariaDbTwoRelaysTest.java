package io.kefu.sync;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.MeterRegistry;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.kefu.KefuApplication;
import io.kefu.customer.CustomerService;
import io.kefu.customer.CustomerTier;
import io.kefu.intake.InboundMessage;
import io.kefu.intake.IntakeService;
import io.kefu.testing.MariaDb;
import io.kefu.testing.RecordingCrmServer;
import io.kefu.ticket.Channel;
import io.kefu.ticket.Priority;
import io.kefu.ticket.TicketService;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two Kefu nodes — two application contexts, each with its own process engine, relay, connection pool
 * and HTTP port — on one MariaDB database, both relaying its outbox to one CRM on loopback while both
 * write events for their own tickets. The CRM counts: every event arrives, exactly once, and each
 * ticket's in event order; both relays took part, and their delivered counters add up to the events.
 * Small batches, a fast poll and a CRM that takes a few milliseconds per answer keep the two relays
 * claiming over each other the whole time. MariaDB only ({@code -Dkefu.test.mysql=true}): an
 * embedded H2 is one node's database, so there is nothing to share.
 */
@EnabledIf("io.kefu.testing.MariaDb#enabled")
class MariaDbTwoRelaysTest {

    static final int TICKETS_PER_NODE = 5;
    static final int CHANGES_PER_TICKET = 24;
    static final RecordingCrmServer CRM = new RecordingCrmServer();
    static final List<ConfigurableApplicationContext> NODES = new ArrayList<>();

    @BeforeAll
    static void twoNodesOnOneDatabase() {
        String url = MariaDb.freshDatabase("kefu_test_two_relays");
        // One after the other: the first creates the schema (Flyway, Camunda), the second finds it.
        NODES.add(node("relay-a", "relayNodeA", url));
        NODES.add(node("relay-b", "relayNodeB", url));
        CRM.answerAfter(3);
    }

    @AfterAll
    static void stop() {
        NODES.forEach(ConfigurableApplicationContext::close);
        CRM.close();
    }

    /**
     * A whole Kefu on the shared database. Its process engine has a name of its own (Camunda's names
     * take no hyphen): the engine named "default" belongs to the test classes' cached contexts, and
     * closing a node unregisters its engine's name.
     */
    static ConfigurableApplicationContext node(String name, String engine, String url) {
        return new SpringApplicationBuilder(KefuApplication.class).profiles("mysql").run(
                "--server.port=0",
                "--spring.datasource.url=" + url,
                "--spring.datasource.username=" + MariaDb.USER,
                "--spring.datasource.password=" + MariaDb.PASSWORD,
                "--kefu.node.id=" + name,
                "--camunda.bpm.process-engine-name=" + engine,
                "--kefu.sync.crm.url=" + CRM.url(),
                // The ticket facts only: 25 per ticket, as the test counts them.
                "--kefu.sync.crm.events=ticket.*",
                "--kefu.sync.erp.enabled=false",
                "--kefu.sync.relay.poll-interval=PT0.02S",
                "--kefu.sync.relay.batch-size=3",
                "--kefu.sync.breaker.enabled=false",
                // The events are the ones the test writes: no lifecycle steps, SLA checks or bots.
                "--camunda.bpm.job-execution.enabled=false",
                "--kefu.sla.watch.enabled=false",
                "--kefu.bots.enabled=false",
                "--spring.main.banner-mode=off");
    }

    @Test
    void twoRelaysOnOneOutboxDeliverEveryEventExactlyOnceInOrderPerTicket() throws Exception {
        ExecutorService writers = Executors.newFixedThreadPool(NODES.size());
        List<Future<List<Long>>> written = new ArrayList<>();
        for (int n = 0; n < NODES.size(); n++) {
            ConfigurableApplicationContext node = NODES.get(n);
            String prefix = "two-relays-" + n;
            written.add(writers.submit(() -> writeEvents(node, prefix)));
        }
        List<Long> tickets = new ArrayList<>();
        for (Future<List<Long>> w : written) {
            tickets.addAll(w.get(3, TimeUnit.MINUTES));
        }
        writers.shutdown();

        JdbcClient jdbc = NODES.get(0).getBean(JdbcClient.class);
        int events = TICKETS_PER_NODE * NODES.size() * (1 + CHANGES_PER_TICKET);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM outbox_delivery WHERE destination = 'crm'").query(Integer.class).single())
                .as("one crm delivery per event written").isEqualTo(events);
        await().atMost(Duration.ofMinutes(2)).until(() -> jdbc.sql(
                "SELECT COUNT(*) FROM outbox_delivery WHERE status <> 'DELIVERED'").query(Integer.class).single() == 0);

        ObjectMapper json = NODES.get(0).getBean(ObjectMapper.class);
        List<JsonNode> received = new ArrayList<>();
        for (RecordingCrmServer.Received r : CRM.received()) {
            received.add(json.readTree(r.body()));
        }
        assertThat(CRM.received()).as("the CRM answered everything").allMatch(r -> r.answeredWith() == 200);
        List<Long> eventIds = received.stream().map(body -> body.path("eventId").asLong()).toList();
        assertThat(eventIds).as("every event exactly once").doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(jdbc.sql("SELECT id FROM outbox_event WHERE event_type LIKE 'ticket.%'")
                        .query(Long.class).list());

        Map<Long, List<Long>> arrivedByTicket = new LinkedHashMap<>();
        for (JsonNode body : received) {
            arrivedByTicket.computeIfAbsent(body.path("ticket").path("id").asLong(), t -> new ArrayList<>())
                    .add(body.path("eventId").asLong());
        }
        assertThat(arrivedByTicket.keySet()).containsExactlyInAnyOrderElementsOf(tickets);
        for (long ticket : tickets) {
            assertThat(arrivedByTicket.get(ticket)).as("ticket %s: in event order", ticket)
                    .hasSize(1 + CHANGES_PER_TICKET)
                    .containsExactlyElementsOf(jdbc.sql("""
                            SELECT id FROM outbox_event WHERE aggregate_type = 'ticket' AND aggregate_id = ?
                               AND event_type LIKE 'ticket.%' ORDER BY id""")
                            .param(ticket).query(Long.class).list());
        }

        List<Double> deliveredPerNode = NODES.stream().map(node -> node.getBean(MeterRegistry.class)
                .get("kefu.outbox.delivered").tag("destination", "crm").counter().count()).toList();
        assertThat(deliveredPerNode).as("both relays delivered, %s", deliveredPerNode).allMatch(count -> count > 0);
        assertThat(deliveredPerNode.stream().mapToDouble(Double::doubleValue).sum())
                .as("no delivery sent by both").isEqualTo(events);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM outbox_delivery WHERE attempts <> 1").query(Integer.class).single())
                .as("each delivered at its first attempt").isZero();
    }

    /**
     * On one node: opens its tickets through intake, then changes their priorities in turn, each change
     * an event; the relays of both nodes are sending meanwhile. Answers the tickets it opened.
     */
    private static List<Long> writeEvents(ConfigurableApplicationContext node, String prefix) {
        CustomerService customers = node.getBean(CustomerService.class);
        IntakeService intake = node.getBean(IntakeService.class);
        TicketService tickets = node.getBean(TicketService.class);
        List<Long> opened = new ArrayList<>();
        for (int t = 0; t < TICKETS_PER_NODE; t++) {
            String externalId = prefix + "-" + t;
            customers.register(externalId, "Customer " + externalId, CustomerTier.STANDARD);
            opened.add(intake.receive(new InboundMessage(Channel.APP, externalId, "My invoice " + t + " is wrong", null))
                    .ticketId());
        }
        Priority[] cycle = {Priority.HIGH, Priority.LOW, Priority.URGENT, Priority.NORMAL};
        for (int change = 0; change < CHANGES_PER_TICKET; change++) {
            for (long ticket : opened) {
                tickets.changePriority(ticket, cycle[change % cycle.length], prefix);
            }
        }
        return opened;
    }
}
