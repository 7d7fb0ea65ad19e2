package io.kefu.config;

import org.junit.jupiter.api.condition.EnabledIf;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.kefu.testing.MariaDb;

/**
 * The bad-input scenarios on real MariaDB through Connector/J with the {@code mysql} profile, on a
 * database of their own: NUL, surrogates and 4-byte characters meet the real utf8mb4 columns.
 */
@EnabledIf("io.kefu.testing.MariaDb#enabled")
@ActiveProfiles("mysql")
@SpringBootTest(properties = {"camunda.bpm.job-execution.enabled=false"})
@AutoConfigureMockMvc
class MariaDbBadInputTest extends BadInputScenarios {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        String url = MariaDb.freshDatabase("kefu_test_bad_input");
        registry.add("spring.datasource.url", () -> url);
        registry.add("spring.datasource.username", () -> MariaDb.USER);
        registry.add("spring.datasource.password", () -> MariaDb.PASSWORD);
    }
}
