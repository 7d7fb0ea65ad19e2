package io.kefu.triage.corpus;

import java.util.List;
import java.util.Locale;

/**
 * Which CSV columns hold the text and the label. When a named column is absent from the header
 * and the name is the default, well-known alternatives are tried (banking77 says
 * {@code category}, the Chinese review sets say {@code review}).
 *
 * @param text  header name of the text column
 * @param label header name of the label column
 */
public record CsvColumns(String text, String label) {

    /** {@code text} and {@code label}. */
    public static final CsvColumns DEFAULT = new CsvColumns("text", "label");

    static final List<String> TEXT_ALIASES =
            List.of("text", "review", "sentence", "utterance", "query", "content");
    static final List<String> LABEL_ALIASES =
            List.of("label", "intent", "intents", "category", "cat", "labels");

    public CsvColumns {
        text = text == null || text.isBlank() ? DEFAULT_TEXT : text.trim();
        label = label == null || label.isBlank() ? DEFAULT_LABEL : label.trim();
    }

    private static final String DEFAULT_TEXT = "text";
    private static final String DEFAULT_LABEL = "label";

    /** The header column to read for the text, or an exception naming what was found. */
    int textIndex(List<String> header) {
        return find(header, text, DEFAULT_TEXT.equals(text) ? TEXT_ALIASES : List.of(text));
    }

    /** The header column to read for the label, or an exception naming what was found. */
    int labelIndex(List<String> header) {
        return find(header, label, DEFAULT_LABEL.equals(label) ? LABEL_ALIASES : List.of(label));
    }

    private static int find(List<String> header, String wanted, List<String> candidates) {
        for (String candidate : candidates) {
            for (int i = 0; i < header.size(); i++) {
                if (header.get(i).trim().toLowerCase(Locale.ROOT)
                        .equals(candidate.toLowerCase(Locale.ROOT))) {
                    return i;
                }
            }
        }
        throw new IllegalArgumentException(
                "no column '" + wanted + "' in header " + header);
    }
}
