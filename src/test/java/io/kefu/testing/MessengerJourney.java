package io.kefu.testing;

import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.awaitility.Awaitility.await;

/**
 * What the messenger journeys (WeChat, WeCom, DingTalk; each on H2 and MariaDB) share: the running
 * engine's HTTP client and database, a staff member's API, and the questions every journey asks of
 * them: the ticket of a customer, whether a refused callback stored a customer, how many callbacks
 * were audited, a ticket once it reached a status.
 */
public abstract class MessengerJourney {

    @Autowired
    protected TestRestTemplate http;

    @Autowired
    protected JdbcClient jdbc;

    @Autowired
    protected ObjectMapper json;

    /** User name and password of a staff member who reaches every ticket. */
    protected abstract String[] staff();

    /** The audit action of this channel's refused callbacks, such as {@code channel.wechat.callback}. */
    protected abstract String callbackAudit();

    /** The REST API as that staff member. */
    protected TestRestTemplate api() {
        return http.withBasicAuth(staff()[0], staff()[1]);
    }

    /** The one ticket of the customer with that external id. */
    protected long ticketOfCustomer(String externalId) {
        return jdbc.sql("SELECT t.id FROM ticket t JOIN customer c ON c.id = t.customer_id WHERE c.external_id = ?")
                .param(externalId).query(Long.class).single();
    }

    /** Whether a customer with that external id is stored. */
    protected boolean customerStoredAs(String externalId) {
        return jdbc.sql("SELECT COUNT(*) FROM customer WHERE external_id = ?").param(externalId)
                .query(Long.class).single() > 0;
    }

    /** How many of this channel's callbacks were audited (the refused ones). */
    protected long audits() {
        return jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE action = ?").param(callbackAudit())
                .query(Long.class).single();
    }

    /** The ticket as {@code GET /api/tickets/{id}} shows it, once it has that status (within a minute). */
    protected JsonNode awaitStatus(long ticketId, String status) {
        await().atMost(Duration.ofSeconds(60)).until(() -> status.equals(
                api().getForObject("/api/tickets/" + ticketId, JsonNode.class).path("status").asText()));
        return api().getForObject("/api/tickets/" + ticketId, JsonNode.class);
    }

    /** JSON text read as a tree; a failed read fails the test. */
    protected JsonNode read(String body) {
        try {
            return json.readTree(body);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
