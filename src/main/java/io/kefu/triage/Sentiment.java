package io.kefu.triage;

/**
 * How a message sounds.
 *
 * @param polarity the most likely class
 * @param score    P(positive) − P(negative), in [−1, 1]; {@value #STRONGLY_NEGATIVE} or below
 *                 is strongly negative
 */
public record Sentiment(Polarity polarity, double score) {

    /** Score at or below which a message counts as strongly negative. */
    public static final double STRONGLY_NEGATIVE = -0.6;

    /** Sentiment classes; the training labels are their lower-case names. */
    public enum Polarity {
        NEGATIVE,
        NEUTRAL,
        POSITIVE
    }

    public Sentiment {
        if (polarity == null || Double.isNaN(score) || score < -1 || score > 1) {
            throw new IllegalArgumentException("sentiment " + polarity + " " + score);
        }
    }

    /** Whether the customer is clearly upset (score ≤ {@value #STRONGLY_NEGATIVE}). */
    public boolean stronglyNegative() {
        return score <= STRONGLY_NEGATIVE;
    }
}
