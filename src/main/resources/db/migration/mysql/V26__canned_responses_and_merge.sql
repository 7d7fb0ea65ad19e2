-- Canned responses: reply texts with placeholders ({{customer.name}}, {{agent.name}}, {{ticket.id}}),
-- each an agent's own (PERSONAL, owner = their user id) or their team's (TEAM, team = a queue's group).
CREATE TABLE canned_response (
    id         BIGINT AUTO_INCREMENT PRIMARY KEY,
    title      VARCHAR(120)   NOT NULL,
    body       TEXT           NOT NULL,
    language   VARCHAR(8)     NOT NULL,
    scope      VARCHAR(16)    NOT NULL,
    owner      VARCHAR(128),
    team       VARCHAR(64),
    created_by VARCHAR(128)   NOT NULL,
    created_at DATETIME(3)    NOT NULL,
    updated_at DATETIME(3)    NOT NULL,
    CONSTRAINT ck_canned_response_scope CHECK ((scope = 'PERSONAL' AND owner IS NOT NULL AND team IS NULL)
        OR (scope = 'TEAM' AND team IS NOT NULL AND owner IS NULL))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE INDEX ix_canned_response_owner ON canned_response (owner, title);
CREATE INDEX ix_canned_response_team ON canned_response (team, title);

-- A ticket merged into another is closed with a pointer to the one that goes on; its messages and
-- notes moved there.
ALTER TABLE ticket ADD COLUMN merged_into BIGINT;
ALTER TABLE ticket ADD CONSTRAINT fk_ticket_merged_into FOREIGN KEY (merged_into) REFERENCES ticket (id);
