package io.kefu.conversation;

/**
 * A customer message was stored on a ticket that was already open (not on a new one); published
 * in the storing transaction so the lifecycle correlates it with the running process.
 */
public record MessageReceived(long ticketId, long messageId) {
}
