package io.kefu.conversation;

import io.kefu.ticket.TicketStatus;

/**
 * A customer message was stored on a ticket that was already open (not on a new one); published
 * in the storing transaction so the lifecycle correlates it with the running process.
 *
 * @param ticketId     the ticket written to
 * @param messageId    the stored message
 * @param text         the message, for the lifecycle to read a reply to the bot
 * @param ticketStatus the ticket's status as it was read under the customer's lock: a
 *                     {@code RESOLVED} ticket reopens, a {@code BOT_ANSWERED} one takes the message
 *                     as the answer to "did this solve it?"
 */
public record MessageReceived(long ticketId, long messageId, String text, TicketStatus ticketStatus) {
}
