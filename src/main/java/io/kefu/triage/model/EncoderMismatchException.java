package io.kefu.triage.model;

import java.io.IOException;

/**
 * A saved classifier cannot serve with the sentence encoder configured now: it was trained with
 * another encoder, with one that is no longer configured, or without one while one is. Its
 * weights only mean something next to the vectors of the encoder it was trained with, so it is
 * retrained rather than served.
 */
public class EncoderMismatchException extends IOException {

    private static final long serialVersionUID = 1L;

    /**
     * @param trainedWith the fingerprint the model was trained with, {@code null} for none
     * @param configured  the fingerprint of the encoder configured now, {@code null} for none
     */
    public EncoderMismatchException(String trainedWith, String configured) {
        super("the model was trained " + (trainedWith == null ? "without a sentence encoder"
                : "with sentence encoder " + trainedWith) + ", but "
                + (configured == null ? "none is configured" : configured + " is configured"));
    }
}
