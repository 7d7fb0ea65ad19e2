package io.kefu.security.audit;

import java.time.Clock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import io.kefu.security.AuditLog;
import io.kefu.security.AuditOutcome;

/**
 * Deletes audit entries older than {@code kefu.security.audit.retention} (default 12 months), and
 * records that it did ({@code audit.purge}), so a gap in the log is never silent. Every node runs
 * it; the delete is idempotent.
 */
@Component
class AuditRetention {

    private static final Logger log = LoggerFactory.getLogger(AuditRetention.class);

    private final AuditEvents events;
    private final AuditLog audit;
    private final AuditProperties properties;
    private final Clock clock;

    AuditRetention(AuditEvents events, AuditLog audit, AuditProperties properties, Clock clock) {
        this.events = events;
        this.audit = audit;
        this.properties = properties;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT10M")
    void purge() {
        try {
            int deleted = events.purgeBefore(clock.instant().minus(properties.retention()));
            if (deleted > 0) {
                audit.record(AuditLog.SYSTEM, null, "audit.purge", "audit_event", AuditOutcome.SUCCESS,
                        deleted + " entries older than " + properties.retention().toDays() + " days");
            }
        } catch (DataAccessException e) {
            log.warn("Audit log purge failed; retrying in an hour: {}", e.getMessage());
        }
    }
}
