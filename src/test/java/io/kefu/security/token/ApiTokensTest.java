package io.kefu.security.token;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;

import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import io.kefu.security.SecurityAdminTest;
import io.kefu.security.TestUsers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * API tokens through the public API: an admin creates one (shown once, stored hashed), a client
 * uses it within its scopes and nowhere else, and it stops working when revoked or expired.
 */
@SecurityAdminTest
class ApiTokensTest {

    @Autowired
    TestRestTemplate http;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    IdentityService identity;
    @Autowired
    MockMvc mvc;

    TestRestTemplate admin;

    @BeforeEach
    void signIn() {
        admin = http.withBasicAuth("demo", "demo");
        TestUsers.ensureAgent(identity);
    }

    @Test
    void aTokenWorksWithinItsScopesUntilItIsRevoked() {
        ResponseEntity<JsonNode> created = admin.postForEntity("/api/admin/tokens",
                Map.of("name", "crm-sync", "scopes", List.of("messages:write"), "expiresIn", "P90D"), JsonNode.class);

        assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(created.getHeaders().getCacheControl()).contains("no-store");
        JsonNode body = created.getBody();
        assertThat(body.properties()).extracting(Map.Entry::getKey)
                .containsExactlyInAnyOrder("id", "token", "scopes", "expiresAt");
        String token = body.get("token").asText();
        long id = body.get("id").asLong();
        assertThat(token).matches("kefu_[A-Za-z0-9_-]{43}");
        assertThat(body.get("scopes")).extracting(JsonNode::asText).containsExactly("messages:write");

        String customer = "tok-" + System.nanoTime();
        assertThat(call(token, HttpMethod.POST, "/api/customers",
                Map.of("externalId", customer, "name", "Token Customer", "tier", "STANDARD")).getStatusCode())
                .isEqualTo(HttpStatus.CREATED);
        assertThat(call(token, HttpMethod.GET, "/api/customers/" + customer, null).getStatusCode())
                .isEqualTo(HttpStatus.OK);
        assertThat(call(token, HttpMethod.GET, "/api/tickets/1", null).getStatusCode())
                .as("tickets:read is not granted").isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(call(token, HttpMethod.GET, "/api/workspace/tasks", null).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(call(token, HttpMethod.GET, "/api/admin/tokens", null).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(call(token, HttpMethod.GET, "/engine-rest/engine", null).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);

        ResponseEntity<String> revoked = admin.exchange("/api/admin/tokens/" + id, HttpMethod.DELETE, null, String.class);
        assertThat(revoked.getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);

        ResponseEntity<String> refused = call(token, HttpMethod.GET, "/api/customers/" + customer, null);
        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(refused.getHeaders().getContentType().isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)).isTrue();
        assertThat(refused.getHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE)).startsWith("Bearer");
        assertThat(refused.getBody()).contains("\"status\":401");
        assertThat(admin.exchange("/api/admin/tokens/" + id, HttpMethod.DELETE, null, String.class).getStatusCode())
                .as("revoking twice changes nothing").isEqualTo(HttpStatus.NO_CONTENT);

        assertThat(jdbc.sql("SELECT action FROM audit_event WHERE target = ? AND actor = 'demo' ORDER BY id")
                .param("token " + id + " (crm-sync)").query(String.class).list())
                .containsExactly("token.create", "token.revoke");
    }

    @Test
    void theTokenIsShownOnlyOnceAndStoredOnlyAsItsHash() {
        String token = create("reporting", List.of("tickets:read"), "P30D");
        assertThat(call(token, HttpMethod.GET, "/api/tickets/424242", null).getStatusCode())
                .as("authorized, no such ticket").isEqualTo(HttpStatus.NOT_FOUND);

        ResponseEntity<String> list = admin.getForEntity("/api/admin/tokens", String.class);
        assertThat(list.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(list.getBody()).contains("\"name\":\"reporting\"", "\"createdBy\":\"demo\"", "\"lastUsedAt\"")
                .doesNotContain(token, token.substring(5), "\"token\"");

        List<Map<String, Object>> rows = jdbc.sql("SELECT * FROM api_token").query().listOfRows();
        assertThat(rows).isNotEmpty();
        assertThat(rows).allSatisfy(row -> assertThat(row.values()).noneMatch(v -> v != null
                && (v.toString().contains(token.substring(5)) || v.toString().contains(token.substring(5, 20)))));
        assertThat(jdbc.sql("SELECT COUNT(*) FROM api_token WHERE token_hash = ?").param(ApiTokenService.hash(token))
                .query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    void anExpiredTokenIsRefused() {
        String shortLived = create("short-lived", List.of("tickets:read"), "PT2S");
        assertThat(call(shortLived, HttpMethod.GET, "/api/tickets/424242", null).getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200)).until(() ->
                call(shortLived, HttpMethod.GET, "/api/tickets/424242", null).getStatusCode() == HttpStatus.UNAUTHORIZED);

        String expiredInTheDatabase = create("expired", List.of("tickets:read"), "P1D");
        jdbc.sql("UPDATE api_token SET expires_at = DATEADD('DAY', -1, CURRENT_TIMESTAMP) WHERE token_hash = ?")
                .param(ApiTokenService.hash(expiredInTheDatabase)).update();
        assertThat(call(expiredInTheDatabase, HttpMethod.GET, "/api/tickets/424242", null).getStatusCode())
                .isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    @Test
    void scopesOpenTheirRoutesOnly() {
        String worker = create("worker", List.of("external-task"), "P1D");
        assertThat(call(worker, HttpMethod.GET, "/engine-rest/external-task", null).getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(call(worker, HttpMethod.POST, "/engine-rest/external-task/fetchAndLock",
                Map.of("workerId", "w1", "maxTasks", 1, "topics", List.of())).getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(call(worker, HttpMethod.GET, "/engine-rest/task", null).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(call(worker, HttpMethod.GET, "/api/tickets/424242", null).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);

        String bot = create("bot", List.of("tickets:write", "tickets:read"), "P1D");
        assertThat(call(bot, HttpMethod.POST, "/api/tickets/424242/resolve", null).getStatusCode())
                .as("authorized, no such ticket").isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(call(bot, HttpMethod.GET, "/api/tickets/self-service", null).getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(call(bot, HttpMethod.POST, "/api/messages",
                Map.of("channel", "API", "customerExternalId", "nobody", "text", "hi")).getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
    }

    @Test
    void badTokensAreRefusedAndLockNobodyOut() {
        String good = create("steady", List.of("tickets:read"), "P1D");
        for (int i = 0; i < 30; i++) {
            String guess = i % 2 == 0 ? "kefu_" + "A".repeat(43) : "not-a-token-" + i;
            assertThat(call(guess, HttpMethod.GET, "/api/tickets/424242", null).getStatusCode())
                    .isEqualTo(HttpStatus.UNAUTHORIZED);
        }
        assertThat(call(good, HttpMethod.GET, "/api/tickets/424242", null).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(admin.getForEntity("/api/admin/tokens", String.class).getStatusCode()).isEqualTo(HttpStatus.OK);
    }

    static Stream<Arguments> invalidRequests() {
        return Stream.of(
                Arguments.of(body("", List.of("tickets:read"), "P90D"), "name"),
                Arguments.of(body("   ", List.of("tickets:read"), "P90D"), "name"),
                Arguments.of(body("x".repeat(65), List.of("tickets:read"), "P90D"), "name"),
                Arguments.of(body("line\nbreak", List.of("tickets:read"), "P90D"), "name"),
                Arguments.of(Map.of("scopes", List.of("tickets:read"), "expiresIn", "P90D"), "name"),
                Arguments.of(body("n", List.of(), "P90D"), "scopes"),
                Arguments.of(body("n", List.of("tickets:read", "admin"), "P90D"), "scopes"),
                Arguments.of(Map.of("name", "n", "expiresIn", "P90D"), "scopes"),
                Arguments.of(body("n", List.of("tickets:read"), "soon"), "expiresIn"),
                Arguments.of(body("n", List.of("tickets:read"), "P0D"), "expiresIn"),
                Arguments.of(body("n", List.of("tickets:read"), "-P1D"), "expiresIn"),
                Arguments.of(body("n", List.of("tickets:read"), "P367D"), "expiresIn"),
                Arguments.of(body("n", List.of("tickets:read"), "P2Y"), "expiresIn"),
                Arguments.of(body("n", List.of("tickets:read"), "P999999999999D"), "expiresIn"),
                Arguments.of(Map.of("name", "n", "scopes", List.of("tickets:read")), "expiresIn"));
    }

    @ParameterizedTest
    @MethodSource("invalidRequests")
    void anInvalidRequestIsRefusedNamingTheFieldAndStoresNothing(Map<String, Object> request, String field) {
        int before = tokenCount();

        ResponseEntity<JsonNode> refused = admin.postForEntity("/api/admin/tokens", request, JsonNode.class);

        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(refused.getHeaders().getContentType().isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)).isTrue();
        assertThat(refused.getBody().get("field").asText()).isEqualTo(field);
        assertThat(refused.getBody().get("detail").asText()).startsWith("Invalid request: " + field + " ");
        assertThat(tokenCount()).isEqualTo(before);
    }

    @Test
    void onlyAdminsManageTokens() throws Exception {
        TestRestTemplate agent = http.withBasicAuth(TestUsers.AGENT, TestUsers.AGENT_PASSWORD);
        assertThat(agent.getForEntity("/api/workspace/tasks", String.class).getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(agent.postForEntity("/api/admin/tokens", body("mine", List.of("tickets:read"), "P1D"), String.class)
                .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(agent.getForEntity("/api/admin/tokens", String.class).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(agent.exchange("/api/admin/tokens/1", HttpMethod.DELETE, null, String.class).getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(http.getForEntity("/api/admin/tokens", String.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(admin.exchange("/api/admin/tokens/987654", HttpMethod.DELETE, null, String.class).getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);

        mvc.perform(get("/admin/tokens").with(user("alice").roles("AGENT", "SUPERVISOR", "DESIGNER")))
                .andExpect(status().isForbidden());
        mvc.perform(get("/admin/tokens").with(user("root").roles("ADMIN"))).andExpect(status().isOk());
    }

    private String create(String name, List<String> scopes, String expiresIn) {
        ResponseEntity<JsonNode> created = admin.postForEntity("/api/admin/tokens", body(name, scopes, expiresIn),
                JsonNode.class);
        assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        return created.getBody().get("token").asText();
    }

    private ResponseEntity<String> call(String token, HttpMethod method, String path, Object body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setBearerAuth(token);
        headers.setContentType(MediaType.APPLICATION_JSON);
        return http.exchange(path, method, new HttpEntity<>(body, headers), String.class);
    }

    private int tokenCount() {
        return jdbc.sql("SELECT COUNT(*) FROM api_token").query(Integer.class).single();
    }

    private static Map<String, Object> body(String name, List<String> scopes, String expiresIn) {
        return Map.of("name", name, "scopes", scopes, "expiresIn", expiresIn);
    }
}
