package io.kefu.security.token;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * What an API token may do. A token authenticates with the authorities {@code SCOPE_<value>} of its
 * scopes and nothing else; {@link ApiTokenRules} says which routes each scope opens.
 */
public enum ApiTokenScope {
    /** Register customers and post their messages and bot feedback (channels, bots). */
    MESSAGES_WRITE("messages:write"),
    /** Read tickets, transcripts and customers (reporting, CRM look-ups). */
    TICKETS_READ("tickets:read"),
    /** Claim, reply to and resolve tickets (bots and back-office systems acting on tickets). */
    TICKETS_WRITE("tickets:write"),
    /** Inbound synchronisation from back-office systems: <code>POST /api/integrations/{source}/events</code>. */
    SYNC_INBOUND("sync:inbound"),
    /** Camunda external-task workers: {@code /engine-rest/external-task/**}. */
    EXTERNAL_TASK("external-task"),
    /** Monitoring: {@code GET /actuator/prometheus} (a Prometheus scraper). */
    METRICS_READ("metrics:read");

    /** Prefix of the authority each scope grants, as in Spring Security's OAuth2 resource server. */
    public static final String AUTHORITY_PREFIX = "SCOPE_";

    private final String value;

    ApiTokenScope(String value) {
        this.value = value;
    }

    /** The scope as clients write it, e.g. {@code messages:write}. */
    public String value() {
        return value;
    }

    /** The authority a token with this scope holds, e.g. {@code SCOPE_messages:write}. */
    public String authority() {
        return AUTHORITY_PREFIX + value;
    }

    /** The scope written as {@code value}, if there is one. */
    public static Optional<ApiTokenScope> parse(String value) {
        return Arrays.stream(values()).filter(s -> s.value.equals(value)).findFirst();
    }

    /** Every scope as clients write it, in declaration order. */
    public static List<String> names() {
        return Arrays.stream(values()).map(ApiTokenScope::value).toList();
    }
}
