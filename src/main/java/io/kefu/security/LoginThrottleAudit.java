package io.kefu.security;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import io.kefu.security.throttle.LoginThrottled;

/** Writes each throttling episode of failed sign-ins to the audit log as {@code login.throttled}. */
@Component
class LoginThrottleAudit {

    private final AuditLog auditLog;

    LoginThrottleAudit(AuditLog auditLog) {
        this.auditLog = auditLog;
    }

    @EventListener
    void on(LoginThrottled throttled) {
        // Nobody is signed in: the actor is Kefu, which throttled; the address is the failing client's.
        auditLog.record(AuditLog.SYSTEM, throttled.address(), "login.throttled", throttled.target(),
                AuditOutcome.REFUSED, throttled.detail());
    }
}
