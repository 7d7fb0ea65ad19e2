package io.kefu.lifecycle;

import java.time.Duration;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code kefu.lifecycle.soothe.*}: the message the bot sends a customer who has waited for an agent
 * this long ({@code BoundaryEvent_SootheCustomer} on {@code Task_AgentWork}).
 *
 * @param after            how long into the wait (ISO-8601, env {@code KEFU_SOOTHE_AFTER}); the
 *                         timer's duration
 * @param variant          which of {@code texts} is sent (env {@code KEFU_SOOTHE_VARIANT}); the
 *                         fact {@code ticket.customer_soothed} names it, so an experiment can compare
 *                         variants
 * @param texts            per variant, the text per language code ({@code zh}, {@code en})
 * @param fallbackLanguage the language used when the ticket's is unknown or has no text
 */
@ConfigurationProperties("kefu.lifecycle.soothe")
record SootheProperties(@DefaultValue("PT30S") Duration after, @DefaultValue("reassure") String variant,
        Map<String, Map<String, String>> texts, @DefaultValue("zh") String fallbackLanguage) {

    SootheProperties {
        if (after.isNegative() || after.isZero()) {
            throw new IllegalArgumentException("kefu.lifecycle.soothe.after must be positive, was " + after);
        }
        texts = texts == null ? Map.of() : Map.copyOf(texts);
        Map<String, String> chosen = texts.get(variant);
        if (chosen == null) {
            throw new IllegalArgumentException("kefu.lifecycle.soothe.variant '" + variant
                    + "' has no texts under kefu.lifecycle.soothe.texts; known variants: " + texts.keySet());
        }
        String fallback = chosen.get(fallbackLanguage);
        if (fallback == null || fallback.isBlank()) {
            throw new IllegalArgumentException("kefu.lifecycle.soothe.texts." + variant + " has no text for the "
                    + "fallback language '" + fallbackLanguage + "'");
        }
    }

    /** The chosen variant's text in {@code language}, or in the fallback language. */
    String text(String language) {
        Map<String, String> chosen = texts.get(variant);
        String text = language == null ? null : chosen.get(language);
        return text == null || text.isBlank() ? chosen.get(fallbackLanguage) : text;
    }
}
