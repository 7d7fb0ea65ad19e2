package io.kefu.conversation;

import java.time.Instant;

/**
 * One message of a conversation.
 *
 * @param seq             its number among all messages of the customer, increasing in commit
 *                        order (what a chat client resumes from)
 * @param clientMessageId the id the customer's chat client gave it, or null
 * @param channel         the channel it came in on or goes out on ({@code WEB}, {@code EMAIL},
 *                        {@code WECHAT}, …); a customer linked across channels writes on several
 */
public record Message(long id, long conversationId, long ticketId, Direction direction, String author, String body,
        Instant createdAt, Long seq, String clientMessageId, String channel) {

    /** A message whose channel is not known here (its conversation's). */
    public Message(long id, long conversationId, long ticketId, Direction direction, String author, String body,
            Instant createdAt, Long seq, String clientMessageId) {
        this(id, conversationId, ticketId, direction, author, body, createdAt, seq, clientMessageId, null);
    }
}
