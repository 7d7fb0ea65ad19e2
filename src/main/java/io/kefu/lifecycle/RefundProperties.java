package io.kefu.lifecycle;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import io.kefu.bots.BotContract;

/**
 * {@code kefu.lifecycle.refund.*}: when a ticket goes to the refund sub-process
 * ({@code processes/RefundRequest.bpmn}) and how long its waits last.
 *
 * @param enabled           whether a refund intent starts the sub-process at all (env
 *                          {@code KEFU_REFUND_BOTS_ENABLED}); off, refund tickets are routed as before
 * @param intent            the triage intent label that means "the customer wants a refund"
 * @param orderPattern      a regular expression whose group 1 is the order number in the customer's
 *                          first message; without one the ticket does not go to the refund bots (a
 *                          question about refunds is the knowledge-base bot's and the agents')
 * @param botTimeout        how long each bot step may wait for a worker (the timers on the bot tasks)
 * @param completionTimeout how long the process waits for the ERP's {@code Msg_RefundCompleted}
 */
@ConfigurationProperties("kefu.lifecycle.refund")
record RefundProperties(@DefaultValue("true") boolean enabled, @DefaultValue("refund") String intent,
        @DefaultValue("(?iu)(?:order|订单)[^\\p{Alnum}]{0,3}(\\p{Alpha}{0,4}-?\\d[\\p{Alnum}-]{2,35})") String orderPattern,
        @DefaultValue("PT1H") Duration botTimeout, @DefaultValue("P7D") Duration completionTimeout) {

    /** The configured patterns, compiled once (a record holds no other state). */
    private static final Map<String, Pattern> COMPILED = new ConcurrentHashMap<>();

    RefundProperties {
        if (intent == null || intent.isBlank()) {
            throw new IllegalArgumentException("kefu.lifecycle.refund.intent must name a triage intent");
        }
        try {
            if (Pattern.compile(orderPattern).matcher("").groupCount() < 1) {
                throw new IllegalArgumentException("kefu.lifecycle.refund.order-pattern needs a group 1 (the order number)");
            }
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("kefu.lifecycle.refund.order-pattern is not a regular expression: "
                    + e.getDescription(), e);
        }
        requirePositive("bot-timeout", botTimeout);
        requirePositive("completion-timeout", completionTimeout);
    }

    /** The first order number in {@code text} that the bots accept, if any. */
    Optional<String> orderIdIn(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher matcher = COMPILED.computeIfAbsent(orderPattern, Pattern::compile).matcher(text);
        while (matcher.find()) {
            String found = matcher.group(1);
            if (found != null && BotContract.ORDER_ID.matcher(found).matches()) {
                return Optional.of(found);
            }
        }
        return Optional.empty();
    }

    private static void requirePositive(String name, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("kefu.lifecycle.refund." + name + " must be a positive duration, was " + value);
        }
    }
}
