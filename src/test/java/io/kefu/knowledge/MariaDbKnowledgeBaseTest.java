package io.kefu.knowledge;

import org.junit.jupiter.api.condition.EnabledIf;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.kefu.testing.MariaDb;

/**
 * The knowledge-base scenarios on real MariaDB through Connector/J with the {@code mysql} profile
 * and Flyway's MySQL migrations: utf8mb4 (Chinese and emoji round-trip), the LIKE escape of
 * suggestions, LIMIT/OFFSET paging. Its own database, so the journey's is left alone.
 */
@EnabledIf("io.kefu.testing.MariaDb#enabled")
@ActiveProfiles("mysql")
@SpringBootTest
@AutoConfigureMockMvc
class MariaDbKnowledgeBaseTest extends KnowledgeBaseScenarios {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        String url = MariaDb.freshDatabase("kefu_test_knowledge");
        registry.add("spring.datasource.url", () -> url);
        registry.add("spring.datasource.username", () -> MariaDb.USER);
        registry.add("spring.datasource.password", () -> MariaDb.PASSWORD);
    }
}
