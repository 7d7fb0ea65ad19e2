package io.kefu.sla;

import org.junit.jupiter.api.condition.EnabledIf;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.kefu.testing.MariaDb;

/** The SLA scenarios on real MariaDB (the mysql migrations, DATETIME(3) due times, the sla_check_at query). */
@EnabledIf("io.kefu.testing.MariaDb#enabled")
@ActiveProfiles("mysql")
@SpringBootTest
@Import(SlaScenarios.Clocks.class)
class MariaDbSlaTest extends SlaScenarios {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        String url = MariaDb.freshDatabase("kefu_test_sla");
        registry.add("spring.datasource.url", () -> url);
        registry.add("spring.datasource.username", () -> MariaDb.USER);
        registry.add("spring.datasource.password", () -> MariaDb.PASSWORD);
        // The test server is shared: a small pool is plenty for one ticket at a time.
        registry.add("spring.datasource.hikari.maximum-pool-size", () -> "5");
        commonProperties(registry);
    }
}
