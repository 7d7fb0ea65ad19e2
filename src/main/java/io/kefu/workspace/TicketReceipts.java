package io.kefu.workspace;

import java.util.List;

import io.kefu.chat.ChatReceipts;
import io.kefu.conversation.Direction;
import io.kefu.conversation.Message;

/**
 * <code>GET /api/tickets/{id}/receipts</code>: how far the customer received and read what Kefu
 * sent, and how far agents read what the customer wrote, per message, from the receipts the chat
 * stores per customer ("up to this seq" over all the customer's messages).
 *
 * @param deliveredSeq the highest seq the customer's widget received (0: none)
 * @param readSeq      the highest seq the customer has seen
 * @param agentReadSeq the highest seq of the customer's an agent has read
 * @param messages     the ticket's messages, oldest first
 */
record TicketReceipts(long ticketId, long deliveredSeq, long readSeq, long agentReadSeq,
        List<MessageReceipt> messages) {

    /**
     * One message and its receipt.
     *
     * @param customer on a message to the customer: {@code delivered}, {@code read} or null (not yet,
     *                 or a message without a seq); null on the customer's own messages (absent in JSON)
     * @param agent    on a customer's message: {@code read} or null (not yet); null on messages to
     *                 the customer
     */
    record MessageReceipt(long messageId, Long seq, Direction direction, String author, String customer,
            String agent) {
    }

    static TicketReceipts of(long ticketId, List<Message> messages, ChatReceipts.Receipts stored) {
        return new TicketReceipts(ticketId, stored.deliveredSeq(), stored.readSeq(), stored.agentReadSeq(),
                messages.stream().map(m -> new MessageReceipt(m.id(), m.seq(), m.direction(), m.author(),
                        m.direction() == Direction.OUTBOUND ? stored.customerStatus(m.seq()) : null,
                        m.direction() == Direction.INBOUND ? stored.agentStatus(m.seq()) : null)).toList());
    }
}
