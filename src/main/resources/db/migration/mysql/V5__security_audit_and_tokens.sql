-- Append-only audit log of security-relevant actions (docs/SECURITY.md, "Audit log"). Rows are
-- only ever inserted, and deleted by the retention job once older than kefu.security.audit.retention.
CREATE TABLE audit_event (
    id          BIGINT AUTO_INCREMENT PRIMARY KEY,
    occurred_at DATETIME(3)  NOT NULL,
    actor       VARCHAR(200) NOT NULL,
    address     VARCHAR(64)  NULL,
    action      VARCHAR(64)  NOT NULL,
    target      VARCHAR(255) NULL,
    outcome     VARCHAR(16)  NOT NULL,
    detail      VARCHAR(2000) NULL,
    INDEX ix_audit_occurred (occurred_at),
    INDEX ix_audit_actor (actor, occurred_at),
    INDEX ix_audit_action (action, occurred_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
