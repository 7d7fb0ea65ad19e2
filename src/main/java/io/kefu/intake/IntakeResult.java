package io.kefu.intake;

/**
 * Where an inbound message landed.
 *
 * @param followUpOf for a new ticket opened as the follow-up of the customer's recently closed one
 *                   (within {@code kefu.follow-up.link-within}), that ticket's id; null otherwise
 */
public record IntakeResult(long ticketId, long conversationId, long messageId, boolean newTicket, Long followUpOf) {

    /** A message that landed on a ticket that was open already. */
    public static IntakeResult onOpenTicket(long ticketId, long conversationId, long messageId) {
        return new IntakeResult(ticketId, conversationId, messageId, false, null);
    }
}
