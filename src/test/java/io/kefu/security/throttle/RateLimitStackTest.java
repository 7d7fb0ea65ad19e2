package io.kefu.security.throttle;

import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.RequestEntity;
import org.springframework.http.ResponseEntity;

import io.kefu.security.KefuGroups;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rate limits over real HTTP: per customer 3 messages, then 3 per 10 s; per principal 8 messages,
 * then 8 per 10 s; knowledge search 5, then 5 per 10 s. A refused message stores nothing.
 */
class RateLimitStackTest extends ThrottledStack {

    private static final String FROM = "198.51.100.60";

    @Autowired
    ObjectMapper json;

    @Test
    void theMessageOverACustomersLimitIsRefusedAndStoresNothingWhileOtherCustomersGoOn() throws Exception {
        customer("rate-c-1");
        customer("rate-c-2");
        for (int i = 0; i < 3; i++) {
            assertThat(message("demo", "rate-c-1", "message " + i).getStatusCode()).isEqualTo(HttpStatus.CREATED);
        }
        long messages = count("message");
        long tickets = count("ticket");

        ResponseEntity<String> refused = message("demo", "rate-c-1", "one too many");

        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
        assertThat(refused.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        long retryAfter = retryAfter(refused);
        assertThat(retryAfter).isBetween(1L, 4L);
        JsonNode problem = json.readTree(refused.getBody());
        assertThat(problem.get("status").asInt()).isEqualTo(429);
        assertThat(problem.get("title").asText()).isEqualTo("Too Many Requests");
        assertThat(problem.get("detail").asText())
                .isEqualTo("Too many messages for customer rate-c-1: retry in " + retryAfter + " s");
        assertThat(count("message")).as("no message stored").isEqualTo(messages);
        assertThat(count("ticket")).as("no ticket opened").isEqualTo(tickets);

        assertThat(message("demo", "rate-c-2", "another customer").getStatusCode()).isEqualTo(HttpStatus.CREATED);
        time.advance(Duration.ofSeconds(retryAfter));
        assertThat(message("demo", "rate-c-1", "after waiting").getStatusCode()).isEqualTo(HttpStatus.CREATED);
    }

    @Test
    void aPrincipalPostingForManyCustomersIsLimitedAsAWhole() throws Exception {
        user("crm-bot", "crm-bot-secret", KefuGroups.SUPERVISORS);
        for (int i = 0; i < 9; i++) {
            customer("rate-p-" + i);
        }
        for (int i = 0; i < 8; i++) {
            assertThat(message("crm-bot", "rate-p-" + i, "hello").getStatusCode()).isEqualTo(HttpStatus.CREATED);
        }
        long messages = count("message");

        ResponseEntity<String> refused = message("crm-bot", "rate-p-8", "hello");

        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
        assertThat(json.readTree(refused.getBody()).get("detail").asText())
                .isEqualTo("Too many messages from crm-bot: retry in " + retryAfter(refused) + " s");
        assertThat(count("message")).isEqualTo(messages);
        assertThat(message("demo", "rate-p-8", "hello").getStatusCode()).as("another principal")
                .isEqualTo(HttpStatus.CREATED);
    }

    @Test
    void searchAndSuggestionsAreLimitedPerPrincipal() throws Exception {
        user("reader", "reader-secret", KefuGroups.AGENTS);
        for (int i = 0; i < 4; i++) {
            assertThat(get("/api/knowledge/search?q=refund", "reader", "reader-secret", FROM).getStatusCode())
                    .isEqualTo(HttpStatus.OK);
        }
        assertThat(get("/api/knowledge/suggest?prefix=ref", "reader", "reader-secret", FROM).getStatusCode())
                .isEqualTo(HttpStatus.OK);

        ResponseEntity<String> refused = get("/api/knowledge/search?q=refund", "reader", "reader-secret", FROM);

        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
        assertThat(retryAfter(refused)).isEqualTo(2);
        assertThat(json.readTree(refused.getBody()).get("detail").asText())
                .isEqualTo("Too many knowledge-base searches from reader: retry in 2 s");
        assertThat(get("/api/knowledge/suggest?prefix=ref", "reader", "reader-secret", FROM).getStatusCode())
                .isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
        assertThat(get("/api/knowledge/search?q=refund", "demo", "demo", FROM).getStatusCode()).as("another principal")
                .isEqualTo(HttpStatus.OK);
        time.advance(Duration.ofSeconds(2));
        assertThat(get("/api/knowledge/search?q=refund", "reader", "reader-secret", FROM).getStatusCode())
                .isEqualTo(HttpStatus.OK);
    }

    private void customer(String externalId) {
        ResponseEntity<String> created = exchange(RequestEntity.method(HttpMethod.POST, "/api/customers")
                        .contentType(MediaType.APPLICATION_JSON), "demo", "demo", FROM,
                Map.of("externalId", externalId, "name", "Rate " + externalId, "tier", "STANDARD"), String.class);
        assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    }

    private ResponseEntity<String> message(String user, String customer, String text) {
        String password = user.equals("demo") ? "demo" : user + "-secret";
        return exchange(RequestEntity.method(HttpMethod.POST, "/api/messages").contentType(MediaType.APPLICATION_JSON),
                user, password, FROM, Map.of("channel", "web", "customerExternalId", customer, "text", text),
                String.class);
    }

    private long count(String table) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM " + table, Long.class);
    }
}
