package io.kefu.knowledge;

import java.text.Normalizer;
import java.util.Locale;

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
        if (text == null) {
            return "";
        }
        String s = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        StringBuilder out = new StringBuilder(s.length());
        boolean space = true;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\uFEFF' || c == '\u200B' || c == '\u200C' || c == '\u200D') {
                continue;
            }
            if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
                if (!space) {
                    out.append(' ');
                    space = true;
                }
            } else {
                out.append(c);
                space = false;
            }
        }
        int end = out.length();
        while (end > 0 && (out.charAt(end - 1) == ' ' || isClosingPunctuation(out.charAt(end - 1)))) {
            end--;
        }
        return truncate(out.substring(0, end));
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
