package io.kefu.sync;

import javax.sql.DataSource;

import org.junit.jupiter.api.condition.EnabledIf;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.kefu.testing.MariaDb;

/**
 * {@link ErpStagingScenarios} on real MariaDB: Kefu in its own database, the ERP's staging table in
 * another schema of the same server, reached through Connector/J with its own URL.
 */
@EnabledIf("io.kefu.testing.MariaDb#enabled")
@ActiveProfiles("mysql")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class MariaDbErpStagingTest extends ErpStagingScenarios {

    static final String ERP_URL = MariaDb.freshDatabase("kefu_test_erp_staging_target");

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        String url = MariaDb.freshDatabase("kefu_test_erp_staging");
        registry.add("spring.datasource.url", () -> url);
        registry.add("spring.datasource.username", () -> MariaDb.USER);
        registry.add("spring.datasource.password", () -> MariaDb.PASSWORD);
        staging(registry, ERP_URL, MariaDb.USER, MariaDb.PASSWORD);
    }

    @Override
    DataSource erp() {
        return dataSource(ERP_URL, MariaDb.USER, MariaDb.PASSWORD);
    }

    @Override
    String createTable() {
        return """
                CREATE TABLE kefu_ticket_event (
                    event_id BIGINT PRIMARY KEY, event_type VARCHAR(64) NOT NULL, occurred_at VARCHAR(40) NOT NULL,
                    ticket_id BIGINT NOT NULL, status VARCHAR(32), queue VARCHAR(64), priority INT,
                    customer_external_id VARCHAR(128), payload LONGTEXT NOT NULL) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4
                """;
    }
}
