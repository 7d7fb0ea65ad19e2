package io.kefu.sync;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.kefu.testing.BackgroundWorkOff;
import io.kefu.testing.H2Database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The relay's passes over the outbox, driven one at a time (its schedule is off): batch claims that
 * respect other nodes' claims, per-aggregate order (a ticket's events and a customer's apart, their ids
 * equal or not), and claims handed back when a pass runs long. Deliveries go to the real ERP route,
 * one file per event in a temporary folder.
 */
@H2Database("outbox-relay")
@BackgroundWorkOff
@SpringBootTest
class OutboxRelayTest {

    static final Path ERP = tempFolder();

    @DynamicPropertySource
    static void erp(DynamicPropertyRegistry registry) {
        registry.add("kefu.sync.erp.drop-folder", ERP::toString);
    }

    @Autowired
    OutboxRelay relay;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    ProducerTemplate producer;
    @Autowired
    ObjectMapper json;
    @Autowired
    SyncProperties properties;
    @Autowired
    OutboxMetrics metrics;
    @Autowired
    Destinations destinations;

    private long nextTicket = 1_000;

    @BeforeEach
    void emptyOutbox() throws IOException {
        jdbc.sql("DELETE FROM outbox_delivery").update();
        jdbc.sql("DELETE FROM outbox_event").update();
        try (Stream<Path> files = Files.list(ERP)) {
            files.forEach(f -> {
                try {
                    Files.delete(f);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    @Test
    void deliversEveryDueEventOnceAndMarksItDelivered() throws IOException {
        List<Long> tickets = Stream.generate(() -> nextTicket++).limit(5).toList();
        tickets.forEach(ticket -> pending(ticket, "ticket.opened", null, null));

        assertThat(relay.relayDue()).isEqualTo(5);
        assertThat(relay.relayDue()).isZero();

        assertThat(erpFiles()).hasSize(5);
        assertThat(jdbc.sql("SELECT status, attempts, claimed_until, claimed_by, delivered_at FROM outbox_delivery")
                .query().listOfRows()).allSatisfy(row -> {
                    assertThat(row.get("status")).isEqualTo("DELIVERED");
                    assertThat(((Number) row.get("attempts")).intValue()).isEqualTo(1);
                    assertThat(row.get("claimed_until")).isNull();
                    assertThat(row.get("claimed_by")).isNull();
                    assertThat(row.get("delivered_at")).isNotNull();
                });
    }

    @Test
    void sendsNothingWhileCamelIsNotRunning() throws Exception {
        long id = pending(nextTicket++, "ticket.opened", null, null);
        org.apache.camel.CamelContext camel = producer.getCamelContext();
        camel.suspend();
        try {
            relay.relayWhileDue();
            assertThat(erpFiles()).isEmpty();
            assertThat(jdbc.sql("SELECT status, attempts FROM outbox_delivery WHERE id = ?").param(id).query().singleRow())
                    .as("no attempt counted").containsEntry("status", "PENDING")
                    .hasEntrySatisfying("attempts", n -> assertThat(((Number) n).intValue()).isZero());
        } finally {
            camel.resume();
        }
        relay.relayWhileDue();
        assertThat(erpFiles()).hasSize(1);
        assertThat(jdbc.sql("SELECT status FROM outbox_delivery WHERE id = ?").param(id).query(String.class).single())
                .isEqualTo("DELIVERED");
    }

    @Test
    void leavesADeliveryAnotherNodeHasClaimedAlone() throws IOException {
        long claimedElsewhere = pending(nextTicket++, "ticket.opened", Instant.now().plusSeconds(30), "other-node");
        pending(nextTicket++, "ticket.opened", null, null);

        relay.relayDue();

        assertThat(erpFiles()).hasSize(1);
        Map<String, Object> other = jdbc.sql("SELECT status, claimed_by FROM outbox_delivery WHERE id = ?")
                .param(claimedElsewhere).query().singleRow();
        assertThat(other).containsEntry("status", "PENDING").containsEntry("claimed_by", "other-node");
    }

    @Test
    void sendsATicketsEventsOneAfterAnotherInTheirOrder() throws IOException {
        long ticket = nextTicket++;
        pending(ticket, "ticket.opened", null, null);
        pending(ticket, "ticket.routed", null, null);

        assertThat(relay.relayDue()).as("the later event waits for the earlier one").isEqualTo(1);
        assertThat(erpFiles()).singleElement().asString().contains("ticket-" + ticket + "-event-");
        assertThat(relay.relayDue()).isEqualTo(1);
        assertThat(erpFiles()).hasSize(2);
    }

    @Test
    void ordersPerAggregateTypeAndIdSoACustomerNeverWaitsBehindTheTicketWithItsNumber() throws IOException {
        long id = nextTicket++;
        pending(id, "ticket.opened", null, null);
        pending(id, "ticket.routed", null, null);
        pendingCustomerChange(id);
        pendingCustomerChange(id);

        assertThat(relay.relayDue()).as("the first of each: the ticket's and the customer's").isEqualTo(2);
        assertThat(erpFiles()).extracting(f -> f.getFileName().toString().replaceAll("-event-\\d+\\.json", ""))
                .containsExactlyInAnyOrder("ticket-" + id, "customer-" + id);
        assertThat(relay.relayDue()).isEqualTo(2);
        assertThat(relay.relayDue()).isZero();
        assertThat(erpFiles()).hasSize(4);
    }

    @Test
    void aTicketsDeadLetterHoldsBackItsTicketOnlyNotTheCustomerWithItsNumber() throws IOException {
        long id = nextTicket++;
        long dead = pending(id, "ticket.opened", null, null);
        jdbc.sql("UPDATE outbox_delivery SET status = 'DEAD', dead_at = CURRENT_TIMESTAMP WHERE id = ?").param(dead).update();
        long later = pending(id, "ticket.routed", null, null);
        pendingCustomerChange(id);

        assertThat(relay.relayDue()).as("the customer's event goes on").isEqualTo(1);
        assertThat(erpFiles()).singleElement().asString().contains("customer-" + id + "-event-");
        assertThat(jdbc.sql("SELECT status FROM outbox_delivery WHERE id = ?").param(later).query(String.class).single())
                .as("behind its ticket's dead letter").isEqualTo("PENDING");
        assertThat(relay.relayDue()).isZero();
    }

    @Test
    void namesErpFilesSoTheySortInEventOrder() throws IOException {
        long ticket = nextTicket++;
        for (int i = 0; i < 12; i++) {
            pending(ticket, "ticket.assigned", null, null);
        }
        while (relay.relayDue() > 0) {
            // one event of the ticket per pass
        }

        List<String> names = erpFiles().stream().map(f -> f.getFileName().toString()).toList();
        assertThat(names).hasSize(12).allMatch(n -> n.matches("ticket-" + ticket + "-event-\\d{12}\\.json"));
        List<Long> eventIds = jdbc.sql("SELECT id FROM outbox_event ORDER BY id").query(Long.class).list();
        assertThat(names.stream().sorted().toList()).as("sorted by name = sorted by event id")
                .containsExactlyElementsOf(eventIds.stream()
                        .map(id -> "ticket-" + ticket + "-event-" + String.format("%012d", id) + ".json").toList());
    }

    @Test
    void aDeliveryFailingLongerThanTheMaximumAgeBecomesADeadLetterAndHoldsItsTicketBack() throws IOException {
        long ticket = nextTicket++;
        long old = pending(ticket, "ticket.opened", null, null);
        long later = pending(ticket, "ticket.routed", null, null);
        jdbc.sql("UPDATE outbox_event SET created_at = ? WHERE aggregate_id = ?")
                .params(Timestamp.from(Instant.now().minus(Duration.ofDays(3))), ticket).update();

        withErpUnwritable(() -> relay.relayDue());

        Map<String, Object> dead = jdbc.sql("SELECT status, attempts, last_error, dead_at FROM outbox_delivery WHERE id = ?")
                .param(old).query().singleRow();
        assertThat(dead.get("status")).as("older than max-age P2D after one failure").isEqualTo("DEAD");
        assertThat(((Number) dead.get("attempts")).intValue()).isEqualTo(1);
        assertThat(dead.get("last_error")).asString().isNotBlank();
        assertThat(dead.get("dead_at")).isNotNull();
        assertThat(relay.relayDue()).as("the later event waits behind the dead letter").isZero();
        assertThat(erpFiles()).isEmpty();
        assertThat(jdbc.sql("SELECT status FROM outbox_delivery WHERE id = ?").param(later).query(String.class).single())
                .isEqualTo("PENDING");
    }

    @Test
    void aDeliveryFailingMaxAttemptsTimesBecomesADeadLetter() throws IOException {
        SyncProperties.Relay twice = new SyncProperties.Relay(true, Duration.ofMillis(500), 50, Duration.ZERO,
                Duration.ZERO, Duration.ofMinutes(1), 2, Duration.ofDays(2));
        OutboxRelay strict = new OutboxRelay(jdbc, producer, json,
                new SyncProperties(properties.intercom(), twice, properties.breaker(),
                        properties.metrics()), Clock.systemUTC(),
                new DestinationBreakers(properties, destinations), metrics, destinations);
        long delivery = pending(nextTicket++, "ticket.opened", null, null);

        withErpUnwritable(() -> {
            strict.relayDue();
            assertThat(jdbc.sql("SELECT status FROM outbox_delivery WHERE id = ?").param(delivery)
                    .query(String.class).single()).as("one failure: retried").isEqualTo("PENDING");
            strict.relayDue();
        });

        assertThat(jdbc.sql("SELECT status, attempts FROM outbox_delivery WHERE id = ?").param(delivery).query()
                .singleRow()).containsEntry("status", "DEAD").containsEntry("attempts", 2);
        assertThat(strict.relayDue()).as("a dead letter is not retried").isZero();
    }

    @Test
    void anOpenBreakerLeavesItsDestinationAloneWithoutCountingAttemptsThenProbesIt() throws IOException {
        SyncProperties breaking = new SyncProperties(properties.intercom(), properties.relay(),
                new SyncProperties.Breaker(true, 50, 2, 2, Duration.ofSeconds(2), 1), properties.metrics());
        DestinationBreakers breakers = new DestinationBreakers(breaking, destinations);
        OutboxRelay guarded = new OutboxRelay(jdbc, producer, json, breaking, Clock.systemUTC(), breakers, metrics, destinations);
        List<Long> deliveries = Stream.generate(() -> pending(nextTicket++, "ticket.opened", null, null)).limit(4)
                .toList();

        withErpUnwritable(() -> {
            assertThat(guarded.relayDue()).as("two sent and failed, two held back").isEqualTo(2);
            assertThat(breakers.state("erp")).isEqualTo("OPEN");
            assertThat(guarded.relayDue()).as("an open destination is not even queried").isZero();
        });

        assertThat(jdbc.sql("SELECT attempts FROM outbox_delivery WHERE id IN (:ids) ORDER BY id")
                .param("ids", deliveries).query(Integer.class).list())
                .as("held-back deliveries count no attempt").containsExactly(1, 1, 0, 0);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM outbox_delivery WHERE claimed_by IS NOT NULL").query(Integer.class)
                .single()).isZero();
        assertThat(guarded.relayDue()).as("still open, though the ERP is back").isZero();
        assertThat(erpFiles()).isEmpty();

        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(200)).until(() -> {
            guarded.relayDue();
            return erpFiles().size() == 4;
        });
        assertThat(breakers.state("erp")).isEqualTo("CLOSED");
    }

    @Test
    void refusedAndDeferredDeliveriesSayNothingOfTheDestinationsHealthSoItsBreakerDoesNotCountThem() {
        SyncProperties breaking = new SyncProperties(properties.intercom(), properties.relay(),
                new SyncProperties.Breaker(true, 50, 2, 2, Duration.ofSeconds(2), 1), properties.metrics());
        OutboxDestination intercom = new OutboxDestination("intercom", OutboxDestination.Kind.INTERCOM, true,
                "https://api.intercom.io", "token", null, null, null, List.of("*"), null, Duration.ofSeconds(5),
                Duration.ofSeconds(10), "now");
        DestinationBreakers breakers = new DestinationBreakers(breaking, new Destinations(List.of(intercom)));

        for (int i = 0; i < 4; i++) {
            breakers.failed(intercom, 1_000, new DeliveryRefused("Intercom refused PUT /tickets/1 with 400"));
            breakers.failed(intercom, 1_000, new DeliveryDeferred("not in Intercom's search yet"));
        }
        assertThat(breakers.state("intercom")).isEqualTo("CLOSED");

        breakers.failed(intercom, 1_000, new IllegalStateException("Intercom answered 500"));
        breakers.failed(intercom, 1_000, new IllegalStateException("Intercom answered 500"));
        assertThat(breakers.state("intercom")).isEqualTo("OPEN");
    }

    /** Runs {@code work} while the ERP drop folder is a plain file, so every ERP delivery fails. */
    private void withErpUnwritable(Runnable work) throws IOException {
        Path aside = ERP.resolveSibling(ERP.getFileName() + "-aside");
        Files.move(ERP, aside);
        Files.writeString(ERP, "not a folder");
        try {
            work.run();
        } finally {
            Files.delete(ERP);
            Files.move(aside, ERP);
        }
    }

    @Test
    void handsBackTheRestOfABatchWhenHalfTheLeaseIsUsedUp() throws IOException {
        // A lease of 2 ms, on a clock that moves 1 s on every reading: half of it is used up by the
        // time the first delivery has been sent, however fast this machine sends.
        SyncProperties.Relay quick = new SyncProperties.Relay(true, Duration.ofMillis(500), 50, Duration.ofSeconds(1),
                Duration.ofMinutes(5), Duration.ofMillis(2), 20, Duration.ofDays(2));
        Instant start = Instant.now();
        java.util.concurrent.atomic.AtomicLong readings = new java.util.concurrent.atomic.AtomicLong();
        Clock ticking = new Clock() {
            @Override
            public Instant instant() {
                return start.plusSeconds(readings.getAndIncrement());
            }

            @Override
            public java.time.ZoneId getZone() {
                return java.time.ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }
        };
        OutboxRelay slow = new OutboxRelay(jdbc, producer, json,
                new SyncProperties(properties.intercom(), quick, properties.breaker(),
                        properties.metrics()), ticking,
                new DestinationBreakers(properties, destinations), metrics, destinations);
        for (int i = 0; i < 3; i++) {
            pending(nextTicket++, "ticket.opened", null, null);
        }

        slow.relayDue();

        assertThat(erpFiles()).as("the first claimed delivery is always sent").hasSize(1);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM outbox_delivery WHERE status = 'PENDING' AND claimed_by IS NULL"
                + " AND claimed_until IS NULL").query(Integer.class).single()).isEqualTo(2);
        slow.relayDue();
        slow.relayDue();
        assertThat(erpFiles()).hasSize(3);
    }

    /** A ticket event with one pending ERP delivery; returns the delivery's id. */
    private long pending(long ticket, String type, Instant claimedUntil, String claimedBy) {
        return pending("ticket", ticket, type, "{\"id\":" + ticket + "}", claimedUntil, claimedBy);
    }

    /** A customer's {@code customer.changed} with one pending ERP delivery; returns the delivery's id. */
    private long pendingCustomerChange(long customer) {
        return pending("customer", customer, "customer.changed", "{\"customer\":{\"id\":" + customer + "}}", null, null);
    }

    private long pending(String aggregateType, long aggregateId, String type, String payload, Instant claimedUntil,
            String claimedBy) {
        Timestamp now = Timestamp.from(Instant.now().minusSeconds(1));
        var keys = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO outbox_event (event_type, aggregate_type, aggregate_id, payload, created_at)
                VALUES (?, ?, ?, ?, ?)
                """).params(type, aggregateType, aggregateId, payload, now).update(keys, "id");
        long event = keys.getKeyAs(Number.class).longValue();
        var delivery = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO outbox_delivery (event_id, destination, aggregate_type, aggregate_id, status, attempts,
                                             next_attempt_at, claimed_until, claimed_by)
                VALUES (?, 'erp', ?, ?, 'PENDING', 0, ?, ?, ?)
                """).params(event, aggregateType, aggregateId, now,
                        claimedUntil == null ? null : Timestamp.from(claimedUntil), claimedBy)
                .update(delivery, "id");
        return delivery.getKeyAs(Number.class).longValue();
    }

    private List<Path> erpFiles() throws IOException {
        try (Stream<Path> files = Files.list(ERP)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".json")).toList();
        }
    }

    private static Path tempFolder() {
        try {
            return Files.createTempDirectory("kefu-relay-erp");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
