package io.kefu.ticket;

import java.util.Locale;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What a ticket is about, as decided by triage or sent explicitly by the channel. */
public enum Topic {
    TECHNICAL, BILLING, ORDER, ACCOUNT, GENERAL;

    private static final Logger LOG = LoggerFactory.getLogger(Topic.class);

    /** Parses a label case-insensitively; unknown or blank labels are {@link #GENERAL}. */
    public static Topic fromLabel(String label) {
        if (label == null || label.isBlank()) {
            return GENERAL;
        }
        try {
            return valueOf(label.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException unknown) {
            return GENERAL;
        }
    }

    /**
     * The topic triage's intent → topic mapping ({@code triage/intent-topics.yaml}) names for a
     * ticket: {@link #GENERAL} when it names none, or names one that does not exist (logged, since
     * that is a mistake in the operator's file).
     */
    public static Topic fromIntentMapping(Optional<String> mapped) {
        return mapped.map(label -> {
            if (!isKnown(label)) {
                LOG.warn("intent-topics.yaml maps to unknown topic '{}'; using GENERAL", label);
            }
            return fromLabel(label);
        }).orElse(GENERAL);
    }

    /** Whether the label names a topic; used to validate explicit topics sent by channels. */
    public static boolean isKnown(String label) {
        for (Topic topic : values()) {
            if (topic.name().equalsIgnoreCase(label.trim())) {
                return true;
            }
        }
        return false;
    }
}
