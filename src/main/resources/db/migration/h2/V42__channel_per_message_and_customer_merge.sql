-- One customer across channels (issue 21, items 5 and 6).
-- message.channel: the channel a message came in on (inbound) or goes out on (outbound). A ticket's
-- conversation keeps the channel it opened on, but a customer linked across channels may go on in
-- another one (WeChat, then the web chat), and an agent may answer on another linked channel.
-- conversation.reply_channel: the channel of the conversation's latest customer message, where a
-- reply goes by default; kept on the row each inbound append updates anyway, so choosing costs no
-- query. customer.merged_into: a customer merged into another (by an agent); their external id then
-- stands for the other customer.
ALTER TABLE message ADD COLUMN channel VARCHAR(16);
UPDATE message m SET channel = (SELECT c.channel FROM conversation c WHERE c.id = m.conversation_id);
ALTER TABLE conversation ADD COLUMN reply_channel VARCHAR(16);
UPDATE conversation SET reply_channel = channel;
ALTER TABLE customer ADD COLUMN merged_into BIGINT;
ALTER TABLE customer ADD CONSTRAINT fk_customer_merged_into FOREIGN KEY (merged_into) REFERENCES customer (id);
