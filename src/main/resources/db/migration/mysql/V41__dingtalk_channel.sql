-- DingTalk channel: who a customer is on DingTalk (the robot-scoped sender id, the staff id when
-- they are a member of the organisation) and the conversation's session webhook with its expiry,
-- through which replies go while it is valid (io.kefu.channel.dingtalk.DingTalkSender); and the
-- encrypted events received, recorded once each by a digest of their plain text.
CREATE TABLE dingtalk_contact (
    customer_id        BIGINT        NOT NULL PRIMARY KEY,
    sender_id          VARCHAR(255)  NOT NULL,
    staff_id           VARCHAR(64)   NULL,
    session_webhook    VARCHAR(1000) NULL,
    webhook_expires_at DATETIME(3)  NULL,
    last_inbound_at    DATETIME(3)  NOT NULL,
    CONSTRAINT uk_dingtalk_contact_sender UNIQUE (sender_id),
    CONSTRAINT fk_dingtalk_contact_customer FOREIGN KEY (customer_id) REFERENCES customer (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE INDEX ix_dingtalk_contact_staff ON dingtalk_contact (staff_id);

CREATE TABLE dingtalk_event (
    event_key   VARCHAR(64)  NOT NULL PRIMARY KEY,
    event_type  VARCHAR(64)  NOT NULL,
    received_at DATETIME(3) NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
