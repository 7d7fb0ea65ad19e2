-- Each outbox event keeps its stable type name (event_type, e.g. ticket.routed, what the CRM sees)
-- and the schema version of its payload, raised when a fact's payload changes shape. Rows written
-- before this column existed are version 1, the ticket as JSON.
ALTER TABLE outbox_event ADD COLUMN event_version INT NOT NULL DEFAULT 1;
