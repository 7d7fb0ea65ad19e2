package io.kefu.sync;

import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.AfterAll;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.kefu.testing.RecordingCrmServer;
import io.kefu.testing.MariaDb;

/** {@link BackfillScenarios} on real MariaDB with the {@code mysql} profile (the MySQL migrations). */
@EnabledIf("io.kefu.testing.MariaDb#enabled")
@ActiveProfiles("mysql")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class MariaDbBackfillTest extends BackfillScenarios {

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
        String url = MariaDb.freshDatabase("kefu_test_backfill");
        registry.add("spring.datasource.url", () -> url);
        registry.add("spring.datasource.username", () -> MariaDb.USER);
        registry.add("spring.datasource.password", () -> MariaDb.PASSWORD);
        relayAndCrm(registry, CRM);
    }
}
