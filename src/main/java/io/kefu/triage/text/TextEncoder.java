package io.kefu.triage.text;

import java.util.List;
import java.util.function.Consumer;

/**
 * Turns a text into a dense vector of unit length, e.g. a pretrained sentence encoder. A
 * classifier trained on these vectors is only valid with the same encoder, which
 * {@link #fingerprint()} identifies.
 */
public interface TextEncoder {

    /** Width of the vectors. */
    int dimension();

    /** The text's vector, L2-normalised (all zeros only when the text gives no token at all). */
    float[] encode(String text);

    /** Identifies the encoder's weights, e.g. {@code sha256:<hex of the model file>}. */
    String fingerprint();

    /** A short name for reports and logs. */
    String name();

    /**
     * The encoder a classifier is trained with on these (unlabelled) training texts: this one,
     * unless it tunes itself to the operator's texts, in which case the tuned encoder has a
     * fingerprint of its own.
     */
    default TextEncoder tunedTo(List<String> texts, Consumer<String> progress) {
        return this;
    }

    /**
     * The encoder a model recorded with this fingerprint was trained with, if this encoder can
     * give it (itself, or one of its tunings that it can still find); {@code null} otherwise.
     */
    default TextEncoder recorded(String fingerprint) {
        return fingerprint.equals(fingerprint()) ? this : null;
    }
}
