package io.kefu.intake;

/**
 * The customer answered the bot's "did this solve it?" with the channel's buttons; published in
 * the transaction that checked the ticket waits for that answer, so the lifecycle correlates it.
 *
 * @param ticketId the ticket the bot answered
 * @param solved   whether the customer said the answer solved the issue
 */
public record BotFeedbackGiven(long ticketId, boolean solved) {
}
