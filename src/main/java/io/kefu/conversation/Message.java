package io.kefu.conversation;

import java.time.Instant;

/**
 * One message of a conversation.
 *
 * @param seq             its number among all messages of the customer, increasing in commit
 *                        order (what a chat client resumes from)
 * @param clientMessageId the id the customer's chat client gave it, or null
 */
public record Message(long id, long conversationId, long ticketId, Direction direction, String author, String body,
        Instant createdAt, Long seq, String clientMessageId) {
}
