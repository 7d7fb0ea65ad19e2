package io.kefu.sync;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.condition.EnabledIf;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.kefu.testing.IntercomServer;
import io.kefu.testing.MariaDb;

/**
 * {@link IntercomDestinationScenarios} on real MariaDB with the {@code mysql} profile: V35's id tables
 * from the MySQL migrations, the duplicate-key paths and the relay against the real server.
 */
@EnabledIf("io.kefu.testing.MariaDb#enabled")
@ActiveProfiles("mysql")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class MariaDbIntercomDestinationTest extends IntercomDestinationScenarios {

    static IntercomServer intercom;

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
        String url = MariaDb.freshDatabase("kefu_test_intercom");
        registry.add("spring.datasource.url", () -> url);
        registry.add("spring.datasource.username", () -> MariaDb.USER);
        registry.add("spring.datasource.password", () -> MariaDb.PASSWORD);
        intercomAndRelay(registry, () -> intercom);
    }
}
