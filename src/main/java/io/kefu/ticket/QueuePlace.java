package io.kefu.ticket;

/**
 * Where a waiting ticket stands in its queue.
 *
 * @param position             1 = served next; by priority (highest first), then age (oldest first)
 * @param estimatedWaitSeconds position × the queue's recent time per assignment
 *                             ({@code kefu.queue.estimate-window} ÷ assignments in that window);
 *                             null while the queue made no assignment in the window
 */
public record QueuePlace(int position, Long estimatedWaitSeconds) {
}
