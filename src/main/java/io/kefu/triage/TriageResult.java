package io.kefu.triage;

import io.kefu.text.Language;
import java.util.List;

/**
 * What triage concluded about one message.
 *
 * @param intents      the predicted intents, most confident first; never empty
 * @param ranking      every known intent with its confidence, most confident first
 * @param sentiment    polarity and score
 * @param language     the language the text was analysed as (given or detected)
 * @param modelVersion version of the models used, for audit and A/B comparisons
 */
public record TriageResult(List<IntentScore> intents, List<IntentScore> ranking,
        Sentiment sentiment, Language language, String modelVersion) {

    public TriageResult {
        intents = List.copyOf(intents);
        ranking = List.copyOf(ranking);
        if (intents.isEmpty()) {
            throw new IllegalArgumentException("a triage result has at least one intent");
        }
    }

    /** The most confident intent. */
    public IntentScore topIntent() {
        return intents.get(0);
    }

    /** Whether the intent was predicted. */
    public boolean hasIntent(String label) {
        return intents.stream().anyMatch(i -> i.label().equals(label));
    }
}
