-- When each outbox destination of integrations/destinations.yaml was first seen switched on, and
-- from where it was started then (start-from: now, an event id, an instant): the first node that sees
-- a new destination inserts its row and backfills from there; every later start, on any node, finds
-- the row and leaves the destination alone. Deleting a row starts that destination afresh.
CREATE TABLE outbox_destination_start (
    destination  VARCHAR(32)   NOT NULL PRIMARY KEY,
    started_at   TIMESTAMP(3)   NOT NULL,
    start_from   VARCHAR(64)   NOT NULL,
    backfilled   INT           NOT NULL
);
