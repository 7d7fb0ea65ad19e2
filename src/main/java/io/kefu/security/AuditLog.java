package io.kefu.security;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import jakarta.servlet.http.HttpServletRequest;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The append-only audit log: who (a user, {@code token:<name>} or {@code system}) did what, to what,
 * when, from where, and with which outcome. Each entry is written in a transaction of its own, so a
 * refused action whose own transaction rolls back is still recorded, and an audit write never
 * joins (or breaks) the caller's transaction.
 */
@Service
public class AuditLog {

    /** Actor recorded for actions without a signed-in caller (start-up, scheduled jobs). */
    public static final String SYSTEM = "system";

    private static final Logger log = LoggerFactory.getLogger(AuditLog.class);
    private static final int MAX_DETAIL = 2000;
    private static final int MAX_TARGET = 255;

    private final JdbcClient jdbc;
    private final TransactionTemplate ownTransaction;
    private final Clock clock;

    AuditLog(JdbcClient jdbc, PlatformTransactionManager transactions, Clock clock) {
        this.jdbc = jdbc;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.clock = clock;
    }

    /** Records an action of the current caller (taken from the security context and the current request). */
    public void record(String action, String target, AuditOutcome outcome, String detail) {
        record(currentActor(), currentAddress(), action, target, outcome, detail);
    }

    /** Records an action of a named actor, for callers that know who acted (logins, start-up). */
    public void record(String actor, String address, String action, String target, AuditOutcome outcome,
            String detail) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        String who = actor == null || actor.isBlank() ? SYSTEM : cut(actor, 200);
        ownTransaction.executeWithoutResult(status -> jdbc.sql("""
                INSERT INTO audit_event (occurred_at, actor, address, action, target, outcome, detail)
                VALUES (?, ?, ?, ?, ?, ?, ?)""")
                .params(Timestamp.from(now), who, cut(address, 64), cut(action, 64), cut(target, MAX_TARGET),
                        outcome.name(), cut(detail, MAX_DETAIL))
                .update());
        log.info("audit: {} {} {} {} {}", who, action, target == null ? "-" : target, outcome, detail == null ? "" : detail);
    }

    /** The signed-in caller's name ({@code token:<name>} for API tokens), or {@link #SYSTEM}. */
    public static String currentActor() {
        return SignedIn.current().map(Authentication::getName).orElse(SYSTEM);
    }

    /** The client address of the current request, or null outside a request. */
    public static String currentAddress() {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            HttpServletRequest request = attributes.getRequest();
            return request.getRemoteAddr();
        }
        return null;
    }

    private static String cut(String value, int max) {
        if (value == null) {
            return null;
        }
        return value.length() <= max ? value : value.substring(0, max);
    }
}
