-- Inbound webhook events (POST /api/integrations/{source}/events): one row per accepted
-- Idempotency-Key of a source, written in the transaction of the event's effect, holding the
-- answer given so that a repeat gets the same answer and causes no second effect.
CREATE TABLE inbound_event (
    id              BIGINT AUTO_INCREMENT PRIMARY KEY,
    source          VARCHAR(64)   NOT NULL,
    idempotency_key VARCHAR(255)  NOT NULL,
    event_type      VARCHAR(64)   NOT NULL,
    body_sha256     CHAR(64)      NOT NULL,
    status          INT           NOT NULL,
    answer          VARCHAR(4000) NOT NULL,
    created_at      DATETIME(3)   NOT NULL,
    CONSTRAINT uk_inbound_event_key UNIQUE (source, idempotency_key)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
