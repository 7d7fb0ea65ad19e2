package io.kefu.ticket;

import java.time.Duration;
import java.util.Set;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code kefu.queue.*}: how the wait a customer is told is estimated.
 *
 * @param estimateWindow the span over which a queue's handling rate (assignments per second) is
 *                       measured; the estimate is position ÷ that rate
 * @param noticeDepth    how many places at the head of each queue are told every change; a ticket
 *                       further back is told its place when it starts waiting and again once it
 *                       moves into them (its exact place is always on the API)
 * @param toldChannels   the channels whose waiting customers are told their places
 *                       ({@link QueuePositionChanged}; the web chat widget shows them); counting a
 *                       ticket's place in a long queue costs a scan of the tickets ahead, so the
 *                       other channels' tickets are not counted for it (their places are on the API)
 */
@ConfigurationProperties("kefu.queue")
public record WaitingQueueProperties(@DefaultValue("PT15M") Duration estimateWindow,
        @DefaultValue("100") int noticeDepth, @DefaultValue("WEB") Set<Channel> toldChannels) {

    public WaitingQueueProperties {
        if (estimateWindow.isNegative() || estimateWindow.isZero()) {
            throw new IllegalArgumentException("kefu.queue.estimate-window must be positive");
        }
        if (noticeDepth < 1 || noticeDepth > 10_000) {
            throw new IllegalArgumentException("kefu.queue.notice-depth must be between 1 and 10000");
        }
        toldChannels = Set.copyOf(toldChannels);
    }
}
