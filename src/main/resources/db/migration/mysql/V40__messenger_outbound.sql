-- Replies waiting to go out on the WeCom and DingTalk channels (io.kefu.channel.callback.OutboundQueue):
-- one row per part of a reply (a reply longer than the platform takes is cut into parts), written in
-- the reply's own transaction, sent in order per recipient and retried with back-off by the channel's
-- sender. recipient is the platform's user id (WeCom userid; DingTalk's contact key).
CREATE TABLE channel_outbound (
    id              BIGINT AUTO_INCREMENT PRIMARY KEY,
    channel         VARCHAR(16)   NOT NULL,
    message_id      BIGINT        NOT NULL,
    part            INT           NOT NULL,
    recipient       VARCHAR(255)  NOT NULL,
    body            TEXT          NOT NULL,
    status          VARCHAR(16)   NOT NULL,
    attempts        INT           NOT NULL,
    next_attempt_at DATETIME(3)  NOT NULL,
    sent_at         DATETIME(3)  NULL,
    last_error      VARCHAR(500)  NULL,
    CONSTRAINT uk_channel_outbound_part UNIQUE (channel, message_id, part)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE INDEX ix_channel_outbound_due ON channel_outbound (channel, status, next_attempt_at);
CREATE INDEX ix_channel_outbound_recipient ON channel_outbound (channel, recipient, status);
