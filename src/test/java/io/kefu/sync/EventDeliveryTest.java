package io.kefu.sync;

import org.junit.jupiter.api.AfterAll;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.kefu.testing.H2Database;
import io.kefu.testing.RecordingCrmServer;

/** {@link EventDeliveryScenarios} on H2. */
@H2Database("event-delivery")
@SpringBootTest
class EventDeliveryTest extends EventDeliveryScenarios {

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
