package io.kefu.knowledge;

import io.kefu.text.CustomerText;

/**
 * How a query is written down in the query log, so that "Refund?", "refund" and "ｒｅｆｕｎｄ　"
 * count as the same hot search: NFKC (full-width to half-width), lower case, white space
 * collapsed, trailing punctuation dropped, at most {@value #MAX_LENGTH} characters.
 */
final class QueryText {

    /** The query log's column width. */
    static final int MAX_LENGTH = 200;

    private QueryText() {
    }

    static String normalize(String text) {
        String normalized = CustomerText.normalize(text);
        int end = normalized.length();
        while (end > 0 && (normalized.charAt(end - 1) == ' ' || isClosingPunctuation(normalized.charAt(end - 1)))) {
            end--;
        }
        return truncate(normalized.substring(0, end));
    }

    /** Cuts a text to the log's width without splitting a surrogate pair. */
    static String truncate(String text) {
        if (text.length() <= MAX_LENGTH) {
            return text;
        }
        int end = Character.isHighSurrogate(text.charAt(MAX_LENGTH - 1)) ? MAX_LENGTH - 1 : MAX_LENGTH;
        return text.substring(0, end);
    }

    private static boolean isClosingPunctuation(char c) {
        return c == '?' || c == '!' || c == '.' || c == ',' || c == ';' || c == ':' || c == '。' || c == '、'
                || c == '~';
    }
}
