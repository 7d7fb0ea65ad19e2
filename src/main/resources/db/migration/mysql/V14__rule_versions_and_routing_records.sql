-- Rules users edit and trust (docs: rules/README.md).
-- Why the ticket went where it went, for people: one sentence per part of the last routing decision.
ALTER TABLE ticket ADD COLUMN routing_explanation TEXT NULL;

-- Every rule set that went live: the files of rules/ (JSON object name -> content), their hash, who
-- stored it and when. A version is stored once per content; going live again adds an activation.
CREATE TABLE rule_set_version (
    version     BIGINT AUTO_INCREMENT PRIMARY KEY,
    hash        CHAR(64)     NOT NULL,
    files       LONGTEXT     NOT NULL,
    created_by  VARCHAR(200) NOT NULL,
    created_at  DATETIME(3)  NOT NULL,
    CONSTRAINT uq_rule_set_version_hash UNIQUE (hash)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- Each time a version went live (reload, file watch, start, rollback): the newest row is the live
-- version, which every node polls for.
CREATE TABLE rule_set_activation (
    id           BIGINT AUTO_INCREMENT PRIMARY KEY,
    version      BIGINT       NOT NULL,
    activated_by VARCHAR(200) NOT NULL,
    activated_at DATETIME(3)  NOT NULL,
    reason       VARCHAR(32)  NOT NULL,
    CONSTRAINT fk_rule_set_activation_version FOREIGN KEY (version) REFERENCES rule_set_version (version)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- The facts each routing decision was made from, and what it decided, so a candidate rule set can be
-- replayed over past tickets as they were when routed (POST /api/rules/simulate).
CREATE TABLE routing_record (
    id              BIGINT AUTO_INCREMENT PRIMARY KEY,
    ticket_id       BIGINT        NOT NULL,
    routed_at       DATETIME(3)   NOT NULL,
    rules_version   BIGINT        NULL,
    tier            VARCHAR(16)   NOT NULL,
    topic           VARCHAR(32)   NOT NULL,
    channel         VARCHAR(16)   NOT NULL,
    intents         VARCHAR(1000) NULL,
    sentiment_score DOUBLE        NOT NULL,
    queue           VARCHAR(64)   NOT NULL,
    priority        VARCHAR(16)   NOT NULL,
    sla_policy      VARCHAR(64)   NULL,
    required_skills VARCHAR(1000) NULL,
    INDEX ix_routing_record_ticket (ticket_id, id),
    INDEX ix_routing_record_routed (routed_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
