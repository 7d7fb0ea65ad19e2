package io.kefu.ticket;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code kefu.queue.*}: how the wait a customer is told is estimated.
 *
 * @param estimateWindow the span over which a queue's handling rate (assignments per second) is
 *                       measured; the estimate is position ÷ that rate
 */
@ConfigurationProperties("kefu.queue")
public record WaitingQueueProperties(@DefaultValue("PT15M") Duration estimateWindow) {

    public WaitingQueueProperties {
        if (estimateWindow.isNegative() || estimateWindow.isZero()) {
            throw new IllegalArgumentException("kefu.queue.estimate-window must be positive");
        }
    }
}
