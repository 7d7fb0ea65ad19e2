package io.kefu.bots;

import org.junit.jupiter.api.condition.EnabledIf;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.kefu.testing.MariaDb;

/**
 * The refund journey on real MariaDB (the {@code mysql} profile): the engine's fetch-and-lock,
 * incidents and message correlation on MySQL SQL.
 */
@EnabledIf("io.kefu.testing.MariaDb#enabled")
@ActiveProfiles("mysql")
@SpringBootTest(properties = {"kefu.sync.relay.enabled=false", "kefu.sla.watch.enabled=false",
        "kefu.bots.enabled=true", "kefu.bots.poll-interval=PT0.2S", "kefu.bots.retries=2",
        "kefu.bots.retry-backoff=PT0S", "kefu.bots.give-up-after=PT0S"})
class MariaDbRefundJourneyTest extends RefundJourney {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        String url = MariaDb.freshDatabase("kefu_test_refund_journey");
        registry.add("spring.datasource.url", () -> url);
        registry.add("spring.datasource.username", () -> MariaDb.USER);
        registry.add("spring.datasource.password", () -> MariaDb.PASSWORD);
    }
}
