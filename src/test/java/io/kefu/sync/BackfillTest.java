package io.kefu.sync;

import org.junit.jupiter.api.AfterAll;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.kefu.testing.RecordingCrmServer;
import io.kefu.testing.H2Database;

/** {@link BackfillScenarios} on H2. */
@H2Database("backfill")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class BackfillTest extends BackfillScenarios {

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
        relayAndCrm(registry, CRM);
    }
}
