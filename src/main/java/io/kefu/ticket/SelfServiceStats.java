package io.kefu.ticket;

import java.time.Instant;

/**
 * How the bot's knowledge-base answers did for the tickets opened since a moment.
 *
 * @param since            start of the window (tickets created at or after it)
 * @param tickets          tickets opened in the window
 * @param botAnswered      of those, tickets the bot answered
 * @param resolvedByBot    answered tickets the customer confirmed solved (deflections)
 * @param awaitingCustomer answered tickets still waiting for the customer's verdict
 * @param handedToAgent    answered tickets that went to an agent (rejected, no answer in time, or
 *                         reopened)
 */
public record SelfServiceStats(Instant since, long tickets, long botAnswered, long resolvedByBot,
        long awaitingCustomer, long handedToAgent) {

    /** Share of all tickets in the window that no agent had to touch. */
    public double deflectionRate() {
        return tickets == 0 ? 0 : (double) resolvedByBot / tickets;
    }

    /** Share of the bot's decided answers (not still waiting) that customers accepted. */
    public double acceptanceRate() {
        long decided = botAnswered - awaitingCustomer;
        return decided == 0 ? 0 : (double) resolvedByBot / decided;
    }
}
