package io.kefu.sync;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.condition.EnabledIf;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.kefu.testing.MariaDb;
import io.kefu.testing.RecordingCrmServer;

/**
 * {@link EventDeliveryScenarios} on real MariaDB with the {@code mysql} profile: the relay's
 * per-aggregate ordering (V33's {@code outbox_delivery.aggregate_type}) on the MySQL migrations.
 */
@EnabledIf("io.kefu.testing.MariaDb#enabled")
@ActiveProfiles("mysql")
@SpringBootTest
class MariaDbEventDeliveryTest extends EventDeliveryScenarios {

    static final RecordingCrmServer CRM = new RecordingCrmServer();

    @AfterAll
    static void stop() {
        CRM.close();
    }

    @Override
    RecordingCrmServer crm() {
        return CRM;
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        String url = MariaDb.freshDatabase("kefu_test_event_delivery");
        registry.add("spring.datasource.url", () -> url);
        registry.add("spring.datasource.username", () -> MariaDb.USER);
        registry.add("spring.datasource.password", () -> MariaDb.PASSWORD);
        relayAndCrm(registry, CRM);
    }
}
