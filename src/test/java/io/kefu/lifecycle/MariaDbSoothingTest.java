package io.kefu.lifecycle;

import org.junit.jupiter.api.condition.EnabledIf;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.kefu.testing.BackgroundWorkOff;
import io.kefu.testing.MariaDb;

/**
 * The soothing scenarios on real MariaDB (the {@code mysql} profile), where Camunda keeps due dates
 * in whole seconds.
 */
@EnabledIf("io.kefu.testing.MariaDb#enabled")
@ActiveProfiles("mysql")
@BackgroundWorkOff
@SpringBootTest(properties = "kefu.bot.enabled=false")
class MariaDbSoothingTest extends SoothingScenarios {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        String url = MariaDb.freshDatabase("kefu_test_soothing");
        registry.add("spring.datasource.url", () -> url);
        registry.add("spring.datasource.username", () -> MariaDb.USER);
        registry.add("spring.datasource.password", () -> MariaDb.PASSWORD);
    }
}
