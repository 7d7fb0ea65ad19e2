package io.kefu.ticket;

import java.time.Instant;

/**
 * The bot answered the customer from a knowledge-base article ({@code botArticleId}) and waits for the
 * verdict (status {@code BOT_ANSWERED}); published by {@code Ticket.answerByBot}.
 *
 * @param ticket     the ticket right after the change
 * @param occurredAt when it happened
 */
public record TicketBotAnswered(TicketView ticket, Instant occurredAt) implements TicketChanged {
}
