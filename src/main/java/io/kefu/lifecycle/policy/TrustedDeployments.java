package io.kefu.lifecycle.policy;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The deployments an admin made trusted (table {@code trusted_deployment}, written in the
 * deployment's own transaction). Whether a deployment is trusted never changes once it exists, so
 * each node remembers the answer per deployment id after one query.
 */
final class TrustedDeployments {

    private final JdbcClient jdbc;
    private final Clock clock;
    private final boolean enabled;
    private final Map<String, Boolean> known = new ConcurrentHashMap<>();

    TrustedDeployments(JdbcClient jdbc, Clock clock, boolean enabled) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.enabled = enabled;
    }

    /** Whether trusted deployments are switched on ({@code kefu.security.trusted-deployments}). */
    boolean enabled() {
        return enabled;
    }

    /** Whether expressions and scripts of this deployment run unrestricted: only while trust is switched on. */
    boolean isTrusted(String deploymentId) {
        if (!enabled || deploymentId == null) {
            return false;
        }
        return known.computeIfAbsent(deploymentId, id -> jdbc
                .sql("SELECT COUNT(*) FROM trusted_deployment WHERE deployment_id = ?").param(id)
                .query(Long.class).single() > 0);
    }

    void record(String deploymentId, String trustedBy) {
        jdbc.sql("INSERT INTO trusted_deployment (deployment_id, trusted_by, trusted_at) VALUES (?, ?, ?)")
                .params(deploymentId, trustedBy, Timestamp.from(clock.instant()))
                .update();
        known.put(deploymentId, Boolean.TRUE);
    }
}
