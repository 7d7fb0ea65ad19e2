package io.kefu.routing;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code kefu.rules.*}: how the live rules follow edits and other nodes, and the limits of a simulation.
 *
 * @param refreshInterval    how often a node looks at the versions table (another node activated a
 *                           version: this node makes it live too) and, with {@code watchFiles}, at
 *                           {@code rules/} on its disk
 * @param watchFiles         whether an edit of {@code rules/} on disk is reloaded by itself (as
 *                           {@code POST /api/rules/reload} would) on the next refresh
 * @param simulateMaxTickets the most past tickets one simulation replays (also the default)
 * @param uploadMaxBytes     the most bytes of candidate files one simulation may carry, all files together
 */
@ConfigurationProperties("kefu.rules")
record RulesProperties(@DefaultValue("PT5S") Duration refreshInterval,
        @DefaultValue("true") boolean watchFiles,
        @DefaultValue("5000") int simulateMaxTickets,
        @DefaultValue("262144") int uploadMaxBytes) {

    RulesProperties {
        if (refreshInterval.isNegative() || refreshInterval.isZero()) {
            throw new IllegalArgumentException("kefu.rules.refresh-interval must be positive");
        }
        if (simulateMaxTickets < 1 || uploadMaxBytes < 1) {
            throw new IllegalArgumentException("kefu.rules.simulate-max-tickets and upload-max-bytes must be positive");
        }
    }
}
