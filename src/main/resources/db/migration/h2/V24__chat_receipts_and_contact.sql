-- The web chat's delivered/read receipts and the pre-chat form (io.kefu.chat).
--
-- A receipt says "up to this seq": per customer (whose messages share one seq series over all their
-- conversations) the highest seq the customer's widget has received (delivered_seq) and shown
-- (read_seq), and the highest seq of the customer's an agent has read (agent_read_seq). The values
-- only grow, so a receipt repeated or arriving late changes nothing.
CREATE TABLE chat_receipt (
    customer_id    BIGINT       NOT NULL PRIMARY KEY,
    delivered_seq  BIGINT       NOT NULL DEFAULT 0,
    read_seq       BIGINT       NOT NULL DEFAULT 0,
    agent_read_seq BIGINT       NOT NULL DEFAULT 0,
    updated_at     TIMESTAMP(3) NOT NULL,
    CONSTRAINT fk_chat_receipt_customer FOREIGN KEY (customer_id) REFERENCES customer (id)
);

-- The e-mail address a customer gave (the widget's pre-chat form): contact data, not an identity,
-- so it never joins one customer to another.
ALTER TABLE customer ADD COLUMN email VARCHAR(254);
