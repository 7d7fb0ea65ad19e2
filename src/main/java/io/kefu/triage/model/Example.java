package io.kefu.triage.model;

import java.util.List;

/**
 * One labelled training or test text.
 *
 * @param text   the customer's words
 * @param labels one label, several for multi-label data, or none: a multi-label text that
 *               carries none of the labels (a negative example for every one of them)
 */
public record Example(String text, List<String> labels) {

    public Example {
        if (text == null) {
            throw new IllegalArgumentException("text is required");
        }
        labels = List.copyOf(labels);
    }

    /** A single-label example. */
    public static Example of(String text, String label) {
        return new Example(text, List.of(label));
    }
}
