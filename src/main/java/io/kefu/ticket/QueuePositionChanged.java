package io.kefu.ticket;

import java.time.Instant;

/**
 * A waiting ticket's place in its queue changed, or it just started waiting: the customer can be
 * told (the web chat's system notices). Published inside the transaction of the assignment decision
 * that moved the queue, once per change (the last position told is stored); listeners that send
 * something should wait for the commit ({@code @TransactionalEventListener}). Not a ticket fact: no
 * outbox row.
 *
 * @param ticketId             the waiting ticket
 * @param channel              its channel (so a channel's listener can pass over the others' tickets unread)
 * @param queue                its queue
 * @param position             1 = served next
 * @param estimatedWaitSeconds as {@link QueuePlace#estimatedWaitSeconds()}; null when unknown
 * @param atLeast              the ticket started waiting further back than places are told
 *                             ({@code kefu.queue.notice-depth}): {@code position} is that depth + 1,
 *                             a lower bound, and so is the wait; it is told its exact place once it
 *                             is among the first depth
 * @param occurredAt           when the position was computed
 */
public record QueuePositionChanged(long ticketId, Channel channel, String queue, int position, Long estimatedWaitSeconds,
        boolean atLeast, Instant occurredAt) {
}
