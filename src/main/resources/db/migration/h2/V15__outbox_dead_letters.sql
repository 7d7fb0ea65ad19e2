-- Dead letters: a delivery that failed KEFU_SYNC_MAX_ATTEMPTS times, or kept failing for longer than
-- KEFU_SYNC_MAX_AGE, gets status DEAD (dead_at set, last_error and attempts kept) and stops being
-- retried; later events of its ticket for that destination wait behind it until it is replayed
-- (PENDING again, pending_since = the replay) or discarded (status DISCARDED).
ALTER TABLE outbox_delivery ADD COLUMN dead_at TIMESTAMP(3) NULL;
ALTER TABLE outbox_delivery ADD COLUMN pending_since TIMESTAMP(3) NULL;
CREATE INDEX ix_outbox_delivery_dead ON outbox_delivery (status, destination, id);
