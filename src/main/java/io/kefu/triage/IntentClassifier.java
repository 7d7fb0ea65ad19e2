package io.kefu.triage;

import io.kefu.text.Language;
import java.util.List;

/**
 * Something that finds the intents of a message: the trained classical model, or a pluggable
 * ONNX model that replaces it.
 */
public interface IntentClassifier {

    /**
     * Every known intent with its confidence, most confident first.
     *
     * @param text     the message
     * @param language the language to analyse it as
     */
    List<IntentScore> rank(String text, Language language);

    /** The predicted intents, most confident first, never empty. */
    List<IntentScore> predict(List<IntentScore> ranking);

    /** Identifies the model in results and logs. */
    String version();
}
