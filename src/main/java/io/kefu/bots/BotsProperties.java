package io.kefu.bots;

import java.time.Duration;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code kefu.bots.*}: Kefu's built-in external-task workers.
 *
 * @param enabled           whether this node runs the built-in workers and the give-up hand-over at all
 *                          (env {@code KEFU_BOTS_ENABLED})
 * @param erpOrderLookup    {@code kefu.bots.erp-order-lookup.enabled}: off, an outside worker does the topic
 * @param erpRefundRequest  {@code kefu.bots.erp-refund-request.enabled}
 * @param customerFollowUp  {@code kefu.bots.customer-follow-up.enabled}
 * @param pollInterval      how often the built-in workers fetch and lock
 * @param maxTasks          tasks locked per fetch
 * @param lockDuration      how long a fetched task stays locked to the worker; a worker that dies
 *                          mid-task loses it after this and another worker fetches it again
 * @param retries           attempts per task before it becomes an incident
 * @param retryBackoff      wait before the second attempt; doubled for each further one
 * @param maxBackoff        the longest wait between attempts
 * @param giveUpAfter       how long an incident of a bot step waits for a supervisor's retry before
 *                          the process is told {@code BotGaveUp} (and, in the refund, billing takes over)
 * @param followUps         the customer messages of {@code customer-follow-up}: key → language → text;
 *                          <code>{orderId}</code> and <code>{refundId}</code> are replaced
 * @param fallbackLanguage  used when the ticket's language has no text
 */
@ConfigurationProperties("kefu.bots")
public record BotsProperties(@DefaultValue("true") boolean enabled, @DefaultValue Switch erpOrderLookup,
        @DefaultValue Switch erpRefundRequest, @DefaultValue Switch customerFollowUp,
        @DefaultValue("PT1S") Duration pollInterval, @DefaultValue("5") int maxTasks,
        @DefaultValue("PT1M") Duration lockDuration, @DefaultValue("3") int retries,
        @DefaultValue("PT10S") Duration retryBackoff, @DefaultValue("PT10M") Duration maxBackoff,
        @DefaultValue("PT15M") Duration giveUpAfter, Map<String, Map<String, String>> followUps,
        @DefaultValue("zh") String fallbackLanguage) {

    /** One built-in topic's switch. */
    public record Switch(@DefaultValue("true") boolean enabled) {
    }

    public BotsProperties {
        if (maxTasks < 1 || maxTasks > 100) {
            throw new IllegalArgumentException("kefu.bots.max-tasks must be 1-100, was " + maxTasks);
        }
        if (retries < 1 || retries > 100) {
            throw new IllegalArgumentException("kefu.bots.retries must be 1-100, was " + retries);
        }
        for (Map.Entry<String, Duration> d : Map.of("poll-interval", pollInterval, "lock-duration", lockDuration)
                .entrySet()) {
            if (d.getValue().isNegative() || d.getValue().isZero()) {
                throw new IllegalArgumentException("kefu.bots." + d.getKey() + " must be positive, was " + d.getValue());
            }
        }
        if (retryBackoff.isNegative() || maxBackoff.isNegative() || giveUpAfter.isNegative()) {
            throw new IllegalArgumentException("kefu.bots retry-backoff, max-backoff and give-up-after must not be negative");
        }
        followUps = followUps == null ? Map.of() : Map.copyOf(followUps);
    }

    /** Whether the built-in worker of {@code topic} runs on this node. */
    public boolean builtInEnabled(String topic) {
        return enabled && switch (topic) {
            case BotContract.TOPIC_ERP_ORDER_LOOKUP -> erpOrderLookup.enabled();
            case BotContract.TOPIC_ERP_REFUND_REQUEST -> erpRefundRequest.enabled();
            case BotContract.TOPIC_CUSTOMER_FOLLOW_UP -> customerFollowUp.enabled();
            default -> false;
        };
    }

    /** The wait before attempt {@code attempt + 1} (the first failure is attempt 1), in milliseconds. */
    long backoffMillis(int attempt) {
        long base = retryBackoff.toMillis();
        int doublings = Math.min(Math.max(attempt - 1, 0), 30);
        long wait = base > Long.MAX_VALUE >> doublings ? Long.MAX_VALUE : base << doublings;
        return Math.min(wait, maxBackoff.toMillis());
    }

    /** The follow-up text {@code key} in {@code language}, or in the fallback language; null when there is none. */
    String followUpText(String key, String language) {
        Map<String, String> texts = followUps.get(key);
        if (texts == null) {
            return null;
        }
        String text = language == null ? null : texts.get(language);
        return text == null || text.isBlank() ? texts.get(fallbackLanguage) : text;
    }
}
