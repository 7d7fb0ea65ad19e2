package io.kefu.sync;

import javax.sql.DataSource;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.kefu.testing.H2Database;

/** {@link ErpStagingScenarios} on H2, the ERP's staging table in a second, separate H2 database. */
@H2Database("erp-staging")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ErpStagingTest extends ErpStagingScenarios {

    static final String ERP_URL = "jdbc:h2:mem:erp-staging-target;DB_CLOSE_DELAY=-1";

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        staging(registry, ERP_URL, "erp", "erp-secret");
    }

    @Override
    DataSource erp() {
        return dataSource(ERP_URL, "erp", "erp-secret");
    }

    @Override
    String createTable() {
        return """
                CREATE TABLE kefu_ticket_event (
                    event_id BIGINT PRIMARY KEY, event_type VARCHAR(64) NOT NULL, occurred_at VARCHAR(40) NOT NULL,
                    ticket_id BIGINT NOT NULL, status VARCHAR(32), queue VARCHAR(64), priority INT,
                    customer_external_id VARCHAR(128), payload CLOB NOT NULL)
                """;
    }
}
