-- Files customers and agents attach to chat messages. The bytes are kept content-addressed on disk
-- (<KEFU_HOME>/data/attachments/<sha256[0:2]>/<sha256>), outside the web root; this row says which
-- message they belong to, what they are (detected from the bytes, not the name) and who may read them.
CREATE TABLE chat_attachment (
    id              BIGINT AUTO_INCREMENT PRIMARY KEY,
    message_id      BIGINT       NOT NULL,
    ticket_id       BIGINT       NOT NULL,
    customer_id     BIGINT       NOT NULL,
    sha256          CHAR(64)     NOT NULL,
    content_type    VARCHAR(100) NOT NULL,
    size_bytes      BIGINT       NOT NULL,
    file_name       VARCHAR(255) NOT NULL,
    created_at      DATETIME(3) NOT NULL,
    CONSTRAINT fk_chat_attachment_message FOREIGN KEY (message_id) REFERENCES message (id),
    CONSTRAINT fk_chat_attachment_ticket FOREIGN KEY (ticket_id) REFERENCES ticket (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE INDEX ix_chat_attachment_message ON chat_attachment (message_id);
