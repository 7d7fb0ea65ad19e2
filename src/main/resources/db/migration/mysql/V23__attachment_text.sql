-- The text read in images customers attach (OCR): kept with the attachment. ocr_status is null for
-- files that are not images and for agents' files; otherwise PENDING (waiting for a reader),
-- READING (claimed by a node at ocr_claimed_at), READ (ocr_text and ocr_lines, a JSON array of
-- {text, confidence, x, y, width, height}), REFUSED or FAILED (ocr_reason says why) or OFF
-- (kefu.ocr.enabled=false when it arrived).
ALTER TABLE chat_attachment
    ADD COLUMN ocr_status VARCHAR(16),
    ADD COLUMN ocr_text MEDIUMTEXT,
    ADD COLUMN ocr_lines MEDIUMTEXT,
    ADD COLUMN ocr_reason VARCHAR(500),
    ADD COLUMN ocr_millis BIGINT,
    ADD COLUMN ocr_claimed_at DATETIME(3),
    ADD COLUMN ocr_read_at DATETIME(3);
-- The sweep that picks up images whose reader was lost reads this index.
CREATE INDEX ix_chat_attachment_ocr ON chat_attachment (ocr_status, created_at);
