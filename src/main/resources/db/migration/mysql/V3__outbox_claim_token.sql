-- The relay claims deliveries in batches: the token of the pass that holds a claim, so a node reads
-- and sends only the deliveries it claimed itself.
ALTER TABLE outbox_delivery ADD COLUMN claimed_by VARCHAR(36) NULL AFTER claimed_until;
