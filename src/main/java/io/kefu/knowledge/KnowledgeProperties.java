package io.kefu.knowledge;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code kefu.knowledge.*} settings.
 *
 * @param botThreshold      confidence (0–1, see {@link KnowledgeAnswer#score()}) from which
 *                          {@link KnowledgeService#bestAnswer} lets the bot answer; chosen from the
 *                          kb-eval figures in docs/NLP.md
 * @param refreshInterval   how often each node compares its in-memory index with the database and
 *                          catches up with changes other nodes made
 * @param maxBodyLength     longest article body accepted, in characters
 * @param maxTitleLength    longest title accepted, in characters
 * @param maxTags           most tags one article may carry
 * @param queryLogRetention how long query-log rows are kept (hot searches and suggestions are
 *                          computed from what is left)
 */
@ConfigurationProperties("kefu.knowledge")
public record KnowledgeProperties(@DefaultValue("0.35") double botThreshold,
        @DefaultValue("PT30S") Duration refreshInterval,
        @DefaultValue("100000") int maxBodyLength,
        @DefaultValue("200") int maxTitleLength,
        @DefaultValue("20") int maxTags,
        @DefaultValue("P180D") Duration queryLogRetention) {

    public KnowledgeProperties {
        if (botThreshold < 0 || botThreshold > 1) {
            throw new IllegalArgumentException("kefu.knowledge.bot-threshold must be between 0 and 1");
        }
        if (refreshInterval.isNegative() || refreshInterval.isZero()) {
            throw new IllegalArgumentException("kefu.knowledge.refresh-interval must be positive");
        }
    }

    /** The defaults, for code that runs without Spring (kb-eval, unit tests). */
    public static KnowledgeProperties defaults() {
        return new KnowledgeProperties(0.35, Duration.ofSeconds(30), 100_000, 200, 20, Duration.ofDays(180));
    }
}
