package io.kefu.conversation;

/**
 * A customer message was stored on a ticket that was already open (not on a new one); published
 * in the storing transaction so the lifecycle correlates it with the running process.
 *
 * @param ticketId         the ticket written to
 * @param messageId        the stored message
 * @param ticketIsResolved whether the ticket was resolved (the message reopens it) as it was read
 *                         under the customer's lock
 */
public record MessageReceived(long ticketId, long messageId, boolean ticketIsResolved) {
}
