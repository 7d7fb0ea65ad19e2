-- Kefu's own tables (Camunda owns its ACT_* tables). MySQL 8 / MariaDB 10.6+, utf8mb4.
CREATE TABLE customer (
    id          BIGINT AUTO_INCREMENT PRIMARY KEY,
    external_id VARCHAR(128) NOT NULL,
    name        VARCHAR(200) NOT NULL,
    tier        VARCHAR(16)  NOT NULL,
    created_at  DATETIME(3)  NOT NULL,
    CONSTRAINT uk_customer_external_id UNIQUE (external_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE channel_identity (
    id          BIGINT AUTO_INCREMENT PRIMARY KEY,
    customer_id BIGINT       NOT NULL,
    channel     VARCHAR(16)  NOT NULL,
    address     VARCHAR(255) NOT NULL,
    created_at  DATETIME(3)  NOT NULL,
    CONSTRAINT uk_channel_identity UNIQUE (channel, address),
    CONSTRAINT fk_identity_customer FOREIGN KEY (customer_id) REFERENCES customer (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE conversation (
    id          BIGINT AUTO_INCREMENT PRIMARY KEY,
    customer_id BIGINT      NOT NULL,
    channel     VARCHAR(16) NOT NULL,
    created_at  DATETIME(3) NOT NULL,
    updated_at  DATETIME(3) NOT NULL,
    CONSTRAINT fk_conversation_customer FOREIGN KEY (customer_id) REFERENCES customer (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE ticket (
    id                  BIGINT AUTO_INCREMENT PRIMARY KEY,
    customer_id         BIGINT       NOT NULL,
    conversation_id     BIGINT       NOT NULL,
    channel             VARCHAR(16)  NOT NULL,
    status              VARCHAR(16)  NOT NULL,
    topic               VARCHAR(32),
    queue               VARCHAR(64),
    priority            VARCHAR(16)  NOT NULL,
    assignee            VARCHAR(64),
    reopen_count        INT          NOT NULL DEFAULT 0,
    last_customer_message_at DATETIME(3),
    created_at          DATETIME(3)  NOT NULL,
    updated_at          DATETIME(3)  NOT NULL,
    resolved_at         DATETIME(3),
    closed_at           DATETIME(3),
    version             INT          NOT NULL DEFAULT 0,
    CONSTRAINT fk_ticket_customer FOREIGN KEY (customer_id) REFERENCES customer (id),
    CONSTRAINT fk_ticket_conversation FOREIGN KEY (conversation_id) REFERENCES conversation (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE INDEX ix_ticket_customer_status ON ticket (customer_id, status);

CREATE TABLE message (
    id              BIGINT AUTO_INCREMENT PRIMARY KEY,
    conversation_id BIGINT      NOT NULL,
    ticket_id       BIGINT      NOT NULL,
    direction       VARCHAR(8)  NOT NULL,
    author          VARCHAR(128) NOT NULL,
    body            TEXT        NOT NULL,
    created_at      DATETIME(3) NOT NULL,
    CONSTRAINT fk_message_conversation FOREIGN KEY (conversation_id) REFERENCES conversation (id),
    CONSTRAINT fk_message_ticket FOREIGN KEY (ticket_id) REFERENCES ticket (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE INDEX ix_message_ticket ON message (ticket_id, id);

-- Transactional outbox: one event per ticket state change, written in the same transaction.
CREATE TABLE outbox_event (
    id             BIGINT AUTO_INCREMENT PRIMARY KEY,
    event_type     VARCHAR(64) NOT NULL,
    aggregate_type VARCHAR(32) NOT NULL,
    aggregate_id   BIGINT      NOT NULL,
    payload        TEXT        NOT NULL,
    created_at     DATETIME(3) NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE INDEX ix_outbox_event_aggregate ON outbox_event (aggregate_type, aggregate_id);

-- One row per event and destination (crm, erp): retried until delivered, never dropped.
CREATE TABLE outbox_delivery (
    id              BIGINT AUTO_INCREMENT PRIMARY KEY,
    event_id        BIGINT      NOT NULL,
    destination     VARCHAR(32) NOT NULL,
    aggregate_id    BIGINT      NOT NULL,
    status          VARCHAR(16) NOT NULL,
    attempts        INT         NOT NULL DEFAULT 0,
    next_attempt_at DATETIME(3) NOT NULL,
    claimed_until   DATETIME(3),
    last_error      VARCHAR(1000),
    delivered_at    DATETIME(3),
    CONSTRAINT uk_outbox_delivery UNIQUE (event_id, destination),
    CONSTRAINT fk_delivery_event FOREIGN KEY (event_id) REFERENCES outbox_event (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE INDEX ix_outbox_delivery_due ON outbox_delivery (status, next_attempt_at);
-- Per-ticket ordering: a delivery waits while an earlier one for the same ticket is pending.
CREATE INDEX ix_outbox_delivery_order ON outbox_delivery (destination, aggregate_id, status, event_id);
