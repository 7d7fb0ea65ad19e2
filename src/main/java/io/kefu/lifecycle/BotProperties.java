package io.kefu.lifecycle;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code kefu.bot.*}: when the bot answers a new ticket from the knowledge base itself. The score
 * an answer must reach is the knowledge base's {@code kefu.knowledge.bot-threshold}.
 *
 * @param enabled           whether the bot answers at all
 * @param feedbackTimeout   how long the bot waits for "did this solve it?" before an agent takes
 *                          over
 *
 * <p>Who goes straight to a person without the bot is a rule: {@code rules/handover.drl}.
 */
@ConfigurationProperties("kefu.bot")
record BotProperties(@DefaultValue("true") boolean enabled,
        @DefaultValue("PT30M") Duration feedbackTimeout) {

    BotProperties {
        if (feedbackTimeout.isNegative() || feedbackTimeout.isZero()) {
            throw new IllegalArgumentException("kefu.bot.feedback-timeout must be positive");
        }
    }
}
