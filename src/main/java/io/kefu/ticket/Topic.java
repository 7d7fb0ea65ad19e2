package io.kefu.ticket;

import java.util.Locale;

/** What a ticket is about, as decided by triage or sent explicitly by the channel. */
public enum Topic {
    TECHNICAL, BILLING, ORDER, ACCOUNT, GENERAL;

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
