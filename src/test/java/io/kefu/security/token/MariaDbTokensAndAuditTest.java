package io.kefu.security.token;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.kefu.testing.MariaDb;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * API tokens and the audit log on real MariaDB with the {@code mysql} profile and Flyway's MySQL
 * migrations (V6 {@code api_token}): create, use, revoke, then read both actions back through the
 * audit API's cursor and its CSV export.
 */
@EnabledIf("io.kefu.testing.MariaDb#enabled")
@ActiveProfiles("mysql")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class MariaDbTokensAndAuditTest {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        String url = MariaDb.freshDatabase("kefu_test_tokens");
        registry.add("spring.datasource.url", () -> url);
        registry.add("spring.datasource.username", () -> MariaDb.USER);
        registry.add("spring.datasource.password", () -> MariaDb.PASSWORD);
        registry.add("kefu.security.admin-password", () -> "admin-test-password");
        registry.add("camunda.bpm.job-execution.enabled", () -> "false");
    }

    @Autowired
    TestRestTemplate http;
    @Autowired
    JdbcClient jdbc;

    @Test
    void aTokenIsCreatedUsedRevokedAndAuditedOnMariaDb() {
        TestRestTemplate admin = http.withBasicAuth("admin", "admin-test-password");
        ResponseEntity<JsonNode> created = admin.postForEntity("/api/admin/tokens",
                Map.of("name", "erp-import", "scopes", List.of("tickets:read"), "expiresIn", "P30D"), JsonNode.class);
        assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        String token = created.getBody().get("token").asText();
        long id = created.getBody().get("id").asLong();

        assertThat(bearer(token, "/api/tickets/424242").getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(jdbc.sql("SELECT last_used_at FROM api_token WHERE id = ?").param(id).query().singleValue()).isNotNull();
        assertThat(admin.exchange("/api/admin/tokens/" + id, HttpMethod.DELETE, null, String.class).getStatusCode())
                .isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(bearer(token, "/api/tickets/424242").getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);

        JsonNode first = admin.getForObject("/api/admin/audit?action=token.*&actor=admin&limit=1", JsonNode.class);
        assertThat(first.get("items").get(0).get("action").asText()).isEqualTo("token.revoke");
        JsonNode second = admin.getForObject("/api/admin/audit?action=token.*&actor=admin&limit=1&cursor="
                + first.get("nextCursor").asText(), JsonNode.class);
        assertThat(second.get("items").get(0).get("action").asText()).isEqualTo("token.create");
        assertThat(second.get("nextCursor").isNull()).isTrue();
        assertThat(admin.getForObject("/api/admin/audit?format=csv&action=token.*", String.class))
                .contains("token.create", "token.revoke", "erp-import");
    }

    private ResponseEntity<String> bearer(String token, String path) {
        HttpHeaders headers = new HttpHeaders();
        headers.setBearerAuth(token);
        return http.exchange(path, HttpMethod.GET, new HttpEntity<>(headers), String.class);
    }
}
