package io.kefu.intake;

/** Where an inbound message landed. */
public record IntakeResult(long ticketId, long conversationId, long messageId, boolean newTicket) {
}
