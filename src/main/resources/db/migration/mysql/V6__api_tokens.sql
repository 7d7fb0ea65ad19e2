-- API tokens for back-office systems, channels and bots (security/token). Only the SHA-256 of the
-- token (hex) is kept: the token itself is shown once, when it is created. A revoked or expired row
-- stays, so the audit log and the token page can still name it.
CREATE TABLE api_token (
    id           BIGINT AUTO_INCREMENT PRIMARY KEY,
    name         VARCHAR(64)  NOT NULL,
    token_hash   CHAR(64)     NOT NULL,
    scopes       VARCHAR(255) NOT NULL,
    created_by   VARCHAR(200) NOT NULL,
    created_at   DATETIME(3)  NOT NULL,
    expires_at   DATETIME(3)  NOT NULL,
    revoked_at   DATETIME(3)  NULL,
    revoked_by   VARCHAR(200) NULL,
    last_used_at DATETIME(3)  NULL,
    CONSTRAINT uq_api_token_hash UNIQUE (token_hash),
    INDEX ix_api_token_created (created_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
