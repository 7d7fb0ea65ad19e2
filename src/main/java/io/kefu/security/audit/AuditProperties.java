package io.kefu.security.audit;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code kefu.security.audit.*}.
 *
 * @param retention how long audit entries are kept; older ones are deleted hourly (default 12 months)
 */
@ConfigurationProperties("kefu.security.audit")
record AuditProperties(@DefaultValue("P365D") Duration retention) {

    AuditProperties {
        if (retention.isNegative() || retention.isZero()) {
            throw new IllegalArgumentException("kefu.security.audit.retention must be positive");
        }
    }
}
