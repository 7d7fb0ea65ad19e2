package io.kefu.ticket;

import java.util.List;
import java.util.Objects;

/**
 * What triage found in the customer's first message, kept on the ticket so routing rules, agents
 * and integrations see the same facts.
 *
 * @param intents        predicted intent labels, most confident first (labels are the operator's
 *                       own, e.g. {@code shipping_delay}, {@code complaint})
 * @param sentiment      {@code NEGATIVE}, {@code NEUTRAL} or {@code POSITIVE}
 * @param sentimentScore P(positive) − P(negative), in [−1, 1]
 * @param language       the language the message was analysed as, {@code zh} or {@code en}
 */
public record Classification(List<String> intents, String sentiment, double sentimentScore, String language) {

    /** Longest intent list stored: the column holds the labels joined by commas. */
    static final int MAX_STORED_LENGTH = 255;

    public Classification {
        intents = List.copyOf(intents);
        Objects.requireNonNull(sentiment, "sentiment");
        Objects.requireNonNull(language, "language");
        if (Double.isNaN(sentimentScore) || sentimentScore < -1 || sentimentScore > 1) {
            throw new IllegalArgumentException("sentiment score out of [-1, 1]: " + sentimentScore);
        }
        for (String intent : intents) {
            if (intent.isBlank() || intent.contains(",")) {
                throw new IllegalArgumentException("intent labels are non-blank and without commas: " + intent);
            }
        }
    }

    /** Whether triage predicted this intent. */
    public boolean hasIntent(String label) {
        return intents.contains(label);
    }

    /** The intents as stored: joined by commas, cut at whole labels to fit the column. */
    String storedIntents() {
        StringBuilder joined = new StringBuilder();
        for (String intent : intents) {
            int extra = (joined.isEmpty() ? 0 : 1) + intent.length();
            if (joined.length() + extra > MAX_STORED_LENGTH) {
                break;
            }
            if (!joined.isEmpty()) {
                joined.append(',');
            }
            joined.append(intent);
        }
        return joined.toString();
    }

    static List<String> parseIntents(String stored) {
        return stored == null || stored.isEmpty() ? List.of() : List.of(stored.split(","));
    }
}
