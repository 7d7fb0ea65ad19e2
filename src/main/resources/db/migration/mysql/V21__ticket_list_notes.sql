-- The ticket list (GET /api/tickets, /tickets): its orders end on id, so a cursor is stable, and the
-- "changed since" feed of back-office systems reads (updated_at, id) in index order.
CREATE INDEX ix_ticket_updated ON ticket (updated_at, id);
CREATE INDEX ix_ticket_created ON ticket (created_at, id);
CREATE INDEX ix_ticket_status_updated ON ticket (status, updated_at, id);
CREATE INDEX ix_ticket_queue_updated ON ticket (queue, updated_at, id);

-- Internal notes of agents on a ticket: never part of the conversation, so no channel sends them.
CREATE TABLE ticket_note (
    id         BIGINT AUTO_INCREMENT PRIMARY KEY,
    ticket_id  BIGINT        NOT NULL,
    author     VARCHAR(128)  NOT NULL,
    body       TEXT          NOT NULL,
    created_at DATETIME(3)   NOT NULL,
    CONSTRAINT fk_ticket_note_ticket FOREIGN KEY (ticket_id) REFERENCES ticket (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE INDEX ix_ticket_note_ticket ON ticket_note (ticket_id, id);
