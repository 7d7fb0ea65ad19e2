-- The web chat (io.kefu.chat). Each customer's messages carry a sequence number, increasing over
-- all of their conversations: a conversation row counts its messages in last_seq (taken under the
-- row's lock by every append) and a new conversation continues from the customer's previous one.
-- A chat client resumes from the last seq it has. client_message_id is the id a chat client gave
-- a message, so a message resent after a reconnect is stored once.
ALTER TABLE conversation ADD COLUMN last_seq BIGINT NOT NULL DEFAULT 0;
ALTER TABLE message ADD COLUMN seq BIGINT NULL, ADD COLUMN client_message_id VARCHAR(64) NULL;

-- Messages written before: numbered in id order per customer.
UPDATE message m
  JOIN (SELECT x.id, ROW_NUMBER() OVER (PARTITION BY c.customer_id ORDER BY x.id) AS rn
          FROM message x JOIN conversation c ON c.id = x.conversation_id) n ON n.id = m.id
   SET m.seq = n.rn;
UPDATE conversation c
  LEFT JOIN (SELECT conversation_id, MAX(seq) AS top FROM message GROUP BY conversation_id) t
         ON t.conversation_id = c.id
   SET c.last_seq = COALESCE(t.top, 0);

CREATE UNIQUE INDEX uk_message_conversation_seq ON message (conversation_id, seq);
CREATE UNIQUE INDEX uk_message_client_id ON message (conversation_id, client_message_id);
CREATE INDEX ix_message_client_id ON message (client_message_id);

-- A widget visitor: the server-issued token (its SHA-256 only) that a browser keeps, the customer
-- it speaks for, and whether the host site vouched for that customer (HMAC-signed externalId).
CREATE TABLE chat_visitor (
    id           BIGINT AUTO_INCREMENT PRIMARY KEY,
    channel_key  VARCHAR(64)  NOT NULL,
    token_hash   CHAR(64)     NOT NULL,
    customer_id  BIGINT       NOT NULL,
    identified   BOOLEAN      NOT NULL,
    name         VARCHAR(200),
    email        VARCHAR(254),
    created_at   DATETIME(3) NOT NULL,
    last_seen_at DATETIME(3) NOT NULL,
    revoked_at   DATETIME(3) NULL,
    CONSTRAINT uk_chat_visitor_token UNIQUE (token_hash),
    CONSTRAINT fk_chat_visitor_customer FOREIGN KEY (customer_id) REFERENCES customer (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE INDEX ix_chat_visitor_customer ON chat_visitor (customer_id);
