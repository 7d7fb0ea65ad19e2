-- The ticket's SLA clocks (docs/EVENTS.md, README "SLA and escalation"): per target its due time
-- and the time its 75 % warning falls due (null once recorded); when an agent first replied; since
-- when the resolution clock is paused (waiting for the customer); the warnings and breaches, one per line
-- ("TARGET due breached", ISO-8601 instants). sla_check_at is the earliest pending warning or
-- breach, what the SLA watch looks for.
ALTER TABLE ticket ADD COLUMN sla_first_response_due DATETIME(3) NULL;
ALTER TABLE ticket ADD COLUMN sla_first_response_warn_at DATETIME(3) NULL;
ALTER TABLE ticket ADD COLUMN sla_first_responded_at DATETIME(3) NULL;
ALTER TABLE ticket ADD COLUMN sla_next_response_due DATETIME(3) NULL;
ALTER TABLE ticket ADD COLUMN sla_next_response_warn_at DATETIME(3) NULL;
ALTER TABLE ticket ADD COLUMN sla_resolution_due DATETIME(3) NULL;
ALTER TABLE ticket ADD COLUMN sla_resolution_warn_at DATETIME(3) NULL;
ALTER TABLE ticket ADD COLUMN sla_paused_at DATETIME(3) NULL;
ALTER TABLE ticket ADD COLUMN sla_warnings TEXT NULL;
ALTER TABLE ticket ADD COLUMN sla_breaches TEXT NULL;
ALTER TABLE ticket ADD COLUMN sla_check_at DATETIME(3) NULL;
CREATE INDEX idx_ticket_sla_check_at ON ticket (sla_check_at);

-- One row per escalation level a ticket reached: who was told (a group), why, and when. The
-- workspace and the web chat deliver them; the table is what a supervisor's list reads.
CREATE TABLE escalation_notification (
    id             BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
    ticket_id      BIGINT        NOT NULL,
    level          INT           NOT NULL,
    level_name     VARCHAR(64)   NOT NULL,
    recipient      VARCHAR(128)  NOT NULL,
    reason         VARCHAR(32)   NOT NULL,
    created_at     DATETIME(3)  NOT NULL,
    CONSTRAINT fk_escalation_ticket FOREIGN KEY (ticket_id) REFERENCES ticket (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE INDEX idx_escalation_ticket ON escalation_notification (ticket_id);
CREATE INDEX idx_escalation_recipient ON escalation_notification (recipient, created_at);
