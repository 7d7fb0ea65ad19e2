package io.kefu.security.audit;

import java.time.Instant;

import io.kefu.security.AuditOutcome;

/**
 * One row of the audit log.
 *
 * @param actor   a user name, {@code token:<name>}, {@code anonymous} or {@code system}
 * @param address the client's address, when the action came with a request
 */
public record AuditEvent(long id, Instant occurredAt, String actor, String address, String action, String target,
        AuditOutcome outcome, String detail) {
}
