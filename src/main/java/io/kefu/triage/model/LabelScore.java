package io.kefu.triage.model;

/**
 * A label with the model's confidence in it.
 *
 * @param label      the label as written in the training data
 * @param confidence calibrated probability in [0, 1]
 */
public record LabelScore(String label, double confidence) {
}
