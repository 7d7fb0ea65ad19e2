package io.kefu.ticket;

import java.time.Instant;

/**
 * An agent waits for the customer's answer until {@code followUpAt}: then the ticket comes back to
 * them (an internal note, a notice on their workspace). Over as soon as the customer writes.
 *
 * @param note       what the agent waits for, for the note at follow-up time; may be null
 * @param remindAt   when the customer is reminded ({@code kefu.follow-up.remind-after} into the wait);
 *                   null when reminders are off or the follow-up time comes first
 * @param remindedAt when the reminder went to the customer's channel; null before
 */
public record FollowUp(long ticketId, Instant followUpAt, String setBy, Instant setAt, String note, Instant remindAt,
        Instant remindedAt) {
}
