package io.kefu.sync;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.kefu.testing.H2Database;
import io.kefu.testing.IntercomServer;

/** {@link IntercomDestinationScenarios} on H2. */
@H2Database("intercom-destination")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class IntercomDestinationTest extends IntercomDestinationScenarios {

    static IntercomServer intercom;

    /** Started here, not in a static initialiser: without the contract the class is skipped (failed under CI). */
    @BeforeAll
    static void start() {
        intercom = new IntercomServer(TOKEN);
    }

    @AfterAll
    static void stop() {
        intercom.close();
    }

    @Override
    IntercomServer intercom() {
        return intercom;
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        intercomAndRelay(registry, () -> intercom);
    }
}
