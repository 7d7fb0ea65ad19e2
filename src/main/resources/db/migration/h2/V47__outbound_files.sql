-- Files agents send on the messengers (issue 21, item 6): a queued part that carries a file instead of
-- text. The sender uploads it as the platform's temporary media and sends it as an image (WeChat, WeCom)
-- or file (WeCom) message; the part's body keeps the file's name (what the transcript shows).
ALTER TABLE channel_outbound ADD COLUMN attachment_id BIGINT;
