-- The WeChat channel's replies join the shared messenger queue (channel_outbound, V40): its own
-- table wechat_outbound goes. Every row moves, in its order (the queue sends per recipient in id
-- order): a PENDING reply is sent from channel_outbound as it would have been, and SENT, REFUSED
-- and FAILED rows keep their attempts and last error there. A WeChat reply queued before this
-- version is one part (part 0); recipient is the customer's openid.
INSERT INTO channel_outbound (channel, message_id, part, recipient, body, status, attempts, next_attempt_at,
                              sent_at, last_error)
SELECT 'WECHAT', message_id, 0, open_id, body, status, attempts, next_attempt_at, sent_at, last_error
  FROM wechat_outbound
 ORDER BY id;
DROP TABLE wechat_outbound;


-- The e-mail channel: the text triage and the bot's knowledge-base search read of a stored e-mail,
-- its new part with quoted replies and the signature trimmed (io.kefu.mail.MailText#newPart), while
-- the message keeps the whole text for the transcript. NULL when that is the message's text as stored.
ALTER TABLE mail_message ADD COLUMN triage_text CLOB NULL;
