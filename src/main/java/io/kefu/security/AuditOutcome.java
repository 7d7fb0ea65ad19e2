package io.kefu.security;

/** How an audited action ended. */
public enum AuditOutcome {
    /** The action was carried out. */
    SUCCESS,
    /** The action was refused (not allowed, invalid, throttled). */
    REFUSED,
    /** The action was attempted and failed for another reason. */
    FAILED
}
