package io.kefu.triage;

/**
 * Where a retraining run is, for progress bars and logs.
 *
 * @param stage   the step being worked on
 * @param message what is happening, for people
 */
public record RetrainProgress(Stage stage, String message) {

    /** The steps of a retraining run, in order. */
    public enum Stage {
        LOADING,
        TRAINING_INTENTS,
        TRAINING_SENTIMENT,
        EVALUATING,
        SAVING,
        DONE
    }
}
