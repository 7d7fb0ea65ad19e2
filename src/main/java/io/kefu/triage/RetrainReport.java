package io.kefu.triage;

import io.kefu.triage.model.Metrics;
import java.time.Duration;

/**
 * The outcome of one retraining run.
 *
 * @param outcome     whether the candidate went live
 * @param reason      why, for people
 * @param candidate   the candidate's figures on the held-back examples
 * @param current     the running model's figures on the same examples ({@code null} when
 *                    there was none)
 * @param trainSize   examples trained on (intents, sentiment)
 * @param heldBack    held-back examples evaluated on (intents, sentiment)
 * @param version     the version now serving
 * @param duration    wall-clock time of the run
 */
public record RetrainReport(Outcome outcome, String reason, Figures candidate, Figures current,
        Sizes trainSize, Sizes heldBack, String version, Duration duration) {

    /** What happened to the candidate. */
    public enum Outcome {
        /** It scored at least as well and now serves. */
        ACCEPTED,
        /** It scored worse on some model; the running models stay. */
        REFUSED,
        /** Training could not run (no data, unreadable files, unknown labels). */
        FAILED,
        /** Another retraining run was in progress; nothing was done. */
        BUSY
    }

    /**
     * Figures of one model pair on the held-back examples.
     *
     * @param intents   intent figures (micro-F1 is the one compared)
     * @param sentiment sentiment figures (accuracy = micro-F1 is the one compared)
     * @param description what training chose, for people
     */
    public record Figures(Metrics intents, Metrics sentiment, String description) {
    }

    /**
     * Example counts.
     *
     * @param intents   intent examples
     * @param sentiment sentiment examples
     */
    public record Sizes(int intents, int sentiment) {
    }

    /** Whether the candidate went live. */
    public boolean accepted() {
        return outcome == Outcome.ACCEPTED;
    }
}
