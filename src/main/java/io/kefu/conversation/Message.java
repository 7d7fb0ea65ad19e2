package io.kefu.conversation;

import java.time.Instant;

/** One message of a conversation. */
public record Message(long id, long conversationId, long ticketId, Direction direction, String author, String body,
        Instant createdAt) {
}
