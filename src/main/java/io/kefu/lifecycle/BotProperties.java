package io.kefu.lifecycle;

import java.time.Duration;
import java.util.Set;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code kefu.bot.*}: when the bot answers a new ticket from the knowledge base itself. The score
 * an answer must reach is the knowledge base's {@code kefu.knowledge.bot-threshold}.
 *
 * @param enabled           whether the bot answers at all
 * @param feedbackTimeout   how long the bot waits for "did this solve it?" before an agent takes
 *                          over
 * @param handOverIntents   intents that always go to a person: the customer asked for one, or is
 *                          complaining
 * @param handOverSentiment sentiment score at or below which the customer goes to a person
 *                          (strongly negative)
 */
@ConfigurationProperties("kefu.bot")
record BotProperties(@DefaultValue("true") boolean enabled,
        @DefaultValue("PT30M") Duration feedbackTimeout,
        @DefaultValue({"human_agent", "complaint"}) Set<String> handOverIntents,
        @DefaultValue("-0.6") double handOverSentiment) {

    BotProperties {
        if (feedbackTimeout.isNegative() || feedbackTimeout.isZero()) {
            throw new IllegalArgumentException("kefu.bot.feedback-timeout must be positive");
        }
        handOverIntents = Set.copyOf(handOverIntents);
    }
}
