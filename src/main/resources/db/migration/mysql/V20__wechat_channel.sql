-- WeChat Official Account channel: who a customer is on WeChat (openid, unionid when the platform
-- gives one) and when they last wrote (the platform's 48-hour reply window counts from it), and the
-- replies waiting to go out through the customer-service message API, written in the reply's own
-- transaction and sent (and retried) by io.kefu.channel.wechat.WeChatSender.
CREATE TABLE wechat_contact (
    customer_id     BIGINT       NOT NULL PRIMARY KEY,
    open_id         VARCHAR(64)  NOT NULL,
    union_id        VARCHAR(64)  NULL,
    last_inbound_at DATETIME(3) NOT NULL,
    CONSTRAINT uk_wechat_contact_open_id UNIQUE (open_id),
    CONSTRAINT fk_wechat_contact_customer FOREIGN KEY (customer_id) REFERENCES customer (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE wechat_outbound (
    id              BIGINT AUTO_INCREMENT PRIMARY KEY,
    message_id      BIGINT        NOT NULL,
    open_id         VARCHAR(64)   NOT NULL,
    body            TEXT          NOT NULL,
    status          VARCHAR(16)   NOT NULL,
    attempts        INT           NOT NULL,
    next_attempt_at DATETIME(3)  NOT NULL,
    sent_at         DATETIME(3)  NULL,
    last_error      VARCHAR(500)  NULL,
    CONSTRAINT uk_wechat_outbound_message UNIQUE (message_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE INDEX ix_wechat_outbound_due ON wechat_outbound (status, next_attempt_at);
