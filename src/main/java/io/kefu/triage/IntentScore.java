package io.kefu.triage;

/**
 * One intent of a message with the model's confidence in it.
 *
 * @param label      intent name as in the training data, e.g. {@code shipping_delay}
 * @param confidence probability in [0, 1]
 */
public record IntentScore(String label, double confidence) {
}
