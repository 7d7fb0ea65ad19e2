package io.kefu.sla;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code kefu.sla.*}: how the SLA watch looks for warnings and breaches that fell due.
 *
 * @param watch the periodic pass over tickets whose earliest pending warning or breach is due
 */
@ConfigurationProperties("kefu.sla")
public record SlaProperties(@DefaultValue Watch watch) {

    /**
     * @param enabled   whether this node runs the watch (every node may: a ticket checked twice
     *                  records each warning and breach once, the losing write is retried next pass)
     * @param interval  pause between passes; a warning or breach is recorded at most this late
     * @param batchSize tickets checked per pass
     */
    public record Watch(@DefaultValue("true") boolean enabled, @DefaultValue("PT10S") Duration interval,
            @DefaultValue("100") int batchSize) {
    }
}
