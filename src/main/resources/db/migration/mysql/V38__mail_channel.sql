-- The e-mail channel (io.kefu.mail, docs/CHANNELS.md "E-mail").
-- mail_message: every e-mail the channel read or wrote, once per mailbox. An incoming message is
-- known by its Message-ID (dedupe_key; the SHA-256 of its bytes when it has none), so a message
-- fetched twice (a poll that stored it but could not mark it seen) is stored once. The same rows map
-- Message-IDs to tickets for threading: a customer's reply names one of them in In-Reply-To or
-- References. Automatic mail (auto-replies, bounces, bulk) and unreadable mail are kept here with the
-- reason, on no ticket.
CREATE TABLE mail_message (
    id              BIGINT AUTO_INCREMENT PRIMARY KEY,
    mailbox         VARCHAR(255)  NOT NULL,
    dedupe_key      VARCHAR(255)  NOT NULL,
    message_id      VARCHAR(255)  NULL,
    direction       VARCHAR(8)    NOT NULL,
    outcome         VARCHAR(16)   NOT NULL,
    reason          VARCHAR(500)  NULL,
    ticket_id       BIGINT        NULL,
    kefu_message_id BIGINT        NULL,
    from_address    VARCHAR(320)  NULL,
    subject         VARCHAR(500)  NULL,
    refs            TEXT          NULL,
    created_at      DATETIME(3)  NOT NULL,
    CONSTRAINT uk_mail_message_mailbox_key UNIQUE (mailbox, dedupe_key)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE INDEX ix_mail_message_message_id ON mail_message (message_id);
CREATE INDEX ix_mail_message_kefu_message ON mail_message (kefu_message_id);

-- Replies waiting to go out over SMTP, written in the reply's own transaction and sent (retried
-- with back-off while the server is down) by io.kefu.mail.MailSender.
CREATE TABLE mail_outbound (
    id                BIGINT AUTO_INCREMENT PRIMARY KEY,
    message_id        BIGINT        NOT NULL,
    header_message_id VARCHAR(255)  NOT NULL,
    to_address        VARCHAR(320)  NOT NULL,
    subject           VARCHAR(998)  NOT NULL,
    in_reply_to       VARCHAR(255)  NULL,
    refs              TEXT          NULL,
    body              TEXT          NOT NULL,
    automatic         BOOLEAN       NOT NULL,
    status            VARCHAR(16)   NOT NULL,
    attempts          INT           NOT NULL,
    next_attempt_at   DATETIME(3)  NOT NULL,
    sent_at           DATETIME(3)  NULL,
    last_error        VARCHAR(500)  NULL,
    CONSTRAINT uk_mail_outbound_message UNIQUE (message_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE INDEX ix_mail_outbound_due ON mail_outbound (status, next_attempt_at);
