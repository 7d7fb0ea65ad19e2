package io.kefu.routing;

import java.nio.file.Path;

import org.junit.jupiter.api.condition.EnabledIf;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.kefu.testing.MariaDb;

/** {@link RuleDeploymentScenarios} on real MariaDB (versions, activations and routing records in its own database). */
@EnabledIf("io.kefu.testing.MariaDb#enabled")
@ActiveProfiles("mysql")
@SpringBootTest
@AutoConfigureMockMvc
class MariaDbRuleDeploymentTest extends RuleDeploymentScenarios {

    static final Path HOME = home("kefu-rules-mariadb");

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        String url = MariaDb.freshDatabase("kefu_test_rules");
        registry.add("spring.datasource.url", () -> url);
        registry.add("spring.datasource.username", () -> MariaDb.USER);
        registry.add("spring.datasource.password", () -> MariaDb.PASSWORD);
        registry.add("kefu.home", HOME::toString);
        registry.add("kefu.rules.refresh-interval", () -> "PT1H");
        // A small pool: the MariaDB server is shared with every other cached test context.
        registry.add("spring.datasource.hikari.maximum-pool-size", () -> "8");
    }

    @Override
    Path home() {
        return HOME;
    }
}
