package io.kefu.sync;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.kefu.customer.CustomerService;
import io.kefu.customer.CustomerTier;
import io.kefu.intake.InboundMessage;
import io.kefu.intake.IntakeService;
import io.kefu.testing.BackgroundWorkOff;
import io.kefu.testing.H2Database;
import io.kefu.testing.RecordingCrmServer;
import io.kefu.ticket.Channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A relay pass whose claim lapses while its send hangs, and a second pass (another node's, here
 * another thread's) that claims the delivery meanwhile and delivers it: when the first send finally
 * fails, that failure changes nothing — the delivery stays delivered, it never becomes a dead letter
 * over the other pass's success. The CRM on loopback hangs on the first request for longer than the
 * response timeout; one attempt is allowed, so any failure recorded would be a dead letter.
 */
@H2Database("outbox-claim-lapse")
@BackgroundWorkOff
@SpringBootTest(properties = {"kefu.sync.erp.enabled=false", "kefu.sync.breaker.enabled=false",
        "kefu.sync.relay.max-attempts=1", "kefu.sync.relay.claim-lease=PT1S",
        "kefu.sync.crm.response-timeout=2000"})
class OutboxRelayClaimLapseTest {

    static final RecordingCrmServer CRM = new RecordingCrmServer();

    @DynamicPropertySource
    static void crm(DynamicPropertyRegistry registry) {
        registry.add("kefu.sync.crm.url", CRM::url);
        // The ticket facts only: the test counts a ticket's deliveries.
        registry.add("kefu.sync.crm.events", () -> "ticket.*");
    }

    @AfterAll
    static void stop() {
        CRM.close();
    }

    @Autowired
    OutboxRelay relay;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    IntakeService intake;
    @Autowired
    CustomerService customers;
    @Autowired
    Clock clock;

    @Test
    void aFailureReportedAfterTheClaimLapsedLeavesTheOtherPasssDeliveryAlone() throws Exception {
        customers.register("claim-lapse-1", "Claim Lapse", CustomerTier.STANDARD);
        long ticket = intake.receive(new InboundMessage(Channel.APP, "claim-lapse-1", "Invoice missing", null)).ticketId();
        long delivery = jdbc.sql("SELECT id FROM outbox_delivery WHERE aggregate_id = ? AND destination = 'crm'")
                .param(ticket).query(Long.class).single();
        CRM.stallNext(1, 3_000);

        ExecutorService slowNode = Executors.newSingleThreadExecutor();
        try {
            Future<Integer> slowPass = slowNode.submit(relay::relayDue);
            await().atMost(Duration.ofSeconds(5)).until(() -> claimedUntil(delivery) != null);
            Instant lapses = claimedUntil(delivery);
            await().atMost(Duration.ofSeconds(5)).until(() -> clock.instant().isAfter(lapses));
            assertThat(slowPass.isDone()).as("the first send still hangs").isFalse();

            assertThat(relay.relayDue()).as("the lapsed claim is taken over").isEqualTo(1);
            assertThat(status(delivery)).isEqualTo("DELIVERED");

            assertThat(slowPass.get(10, TimeUnit.SECONDS)).isEqualTo(1);
        } finally {
            slowNode.shutdownNow();
        }
        assertThat(status(delivery)).as("the late failure changed nothing").isEqualTo("DELIVERED");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM outbox_delivery WHERE status = 'DEAD'").query(Integer.class).single())
                .isZero();
        assertThat(jdbc.sql("SELECT last_error FROM outbox_delivery WHERE id = ?").param(delivery)
                .query((rs, n) -> Optional.ofNullable(rs.getString(1))).single()).as("no error recorded over the delivery").isEmpty();
        // The hung request is recorded when the CRM drops it, after the relay stopped waiting.
        await().atMost(Duration.ofSeconds(5)).until(() -> CRM.received().size() == 2);
        assertThat(CRM.received()).extracting(RecordingCrmServer.Received::answeredWith)
                .as("sent twice (at least once), taken once").containsExactlyInAnyOrder(0, 200);
    }

    private Instant claimedUntil(long delivery) {
        Timestamp until = jdbc.sql("SELECT claimed_until FROM outbox_delivery WHERE id = ?").param(delivery)
                .query((rs, n) -> Optional.ofNullable(rs.getTimestamp(1))).single().orElse(null);
        return until == null ? null : until.toInstant();
    }

    private String status(long delivery) {
        return jdbc.sql("SELECT status FROM outbox_delivery WHERE id = ?").param(delivery).query(String.class).single();
    }
}
