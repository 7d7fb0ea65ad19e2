package io.kefu.triage;

import io.kefu.text.Language;
import jakarta.annotation.Nullable;
import java.util.List;

/**
 * The one entry point for classifying a customer message: intents and sentiment, in Chinese or
 * English. Uses the registry's current models on every call, so a retraining that is accepted
 * applies to the next message; an ONNX intent model, when configured, replaces the classical
 * intent classifier. Thread-safe.
 */
public final class TriageService {

    private final TriageModelRegistry registry;
    private final IntentClassifier intentOverride;

    /**
     * @param registry       source of the classical models
     * @param intentOverride a classifier to use for intents instead of the registry's, or
     *                       {@code null}
     */
    public TriageService(TriageModelRegistry registry, @Nullable IntentClassifier intentOverride) {
        this.registry = registry;
        this.intentOverride = intentOverride;
    }

    /**
     * Classifies one message.
     *
     * @param text     the customer's message
     * @param language a language hint ("zh", "zh-CN", "en_US", … as {@link Language#parse} reads
     *                 it), or {@code null}; a missing or unknown hint is detected from the share of
     *                 CJK characters
     */
    public TriageResult classify(String text, @Nullable String language) {
        String message = text == null ? "" : text;
        Language lang = Language.resolve(language, message);
        TriageModel model = registry.current();
        IntentClassifier intents = intentOverride != null ? intentOverride : model;
        List<IntentScore> ranking = intents.rank(message, lang);
        String version = intentOverride != null
                ? intentOverride.version() + "+" + model.version() : model.version();
        return new TriageResult(intents.predict(ranking), ranking, model.sentiment(message, lang),
                lang, version);
    }

    /** The registry behind this service, for retraining. */
    public TriageModelRegistry registry() {
        return registry;
    }
}
