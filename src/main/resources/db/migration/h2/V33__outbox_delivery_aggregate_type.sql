-- Deliveries are ordered per destination and aggregate: a customer's events (aggregate_type
-- 'customer', aggregate_id = the customer's id) must never wait behind, or hold back, the ticket
-- with the same numeric id. The delivery keeps its event's aggregate type, so the relay's NOT EXISTS
-- compares type and id; rows written before this column existed are all ticket events. The default
-- goes once they are filled: every writer names the aggregate type.
ALTER TABLE outbox_delivery ADD COLUMN aggregate_type VARCHAR(32) NOT NULL DEFAULT 'ticket';
ALTER TABLE outbox_delivery ALTER COLUMN aggregate_type DROP DEFAULT;
DROP INDEX ix_outbox_delivery_order;
CREATE INDEX ix_outbox_delivery_order ON outbox_delivery (destination, aggregate_type, aggregate_id, status, event_id);
