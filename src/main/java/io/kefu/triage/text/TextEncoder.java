package io.kefu.triage.text;

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
}
