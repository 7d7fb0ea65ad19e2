package io.kefu.triage.text;

import io.kefu.text.CustomerText;
import io.kefu.text.Language;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.cn.smart.SmartChineseAnalyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;

/**
 * Normalisation and tokenisation shared by every vectoriser. Stop words are kept on purpose:
 * "not", "why", "还" carry intent. Lucene analyzers are thread-safe, so one instance serves all
 * callers; smartcn loads its dictionaries once, on first use (~0.2 s).
 */
public final class TextAnalysis {

    private static final class Holder {
        static final Analyzer CHINESE = new SmartChineseAnalyzer(false);
        static final Analyzer ENGLISH = new EnglishAnalyzer(CharArraySet.EMPTY_SET);
    }

    private TextAnalysis() {
    }

    /**
     * NFKC (full-width to half-width, so "？！" and "?!" become the same features), drops byte
     * order marks and zero-width characters, lower-cases and collapses white space.
     */
    public static String normalize(String text) {
        return CustomerText.normalize(text);
    }

    /**
     * Word tokens of an already normalised text: smartcn words for Chinese (Latin runs inside
     * are stemmed too), Porter-stemmed English words otherwise. Other punctuation is dropped,
     * but runs of {@code !} and {@code ?} stay as tokens in place (at most three marks), since
     * "?!" and "!!!" are how customers sound angry in both languages.
     */
    public static List<String> words(String normalized, Language language) {
        List<String> tokens = new ArrayList<>();
        tokens(normalized, language, (chars, from, to) ->
                tokens.add(chars.subSequence(from, to).toString()));
        return tokens;
    }

    /** Receives word tokens as a range of characters, valid only during the call. */
    @FunctionalInterface
    interface TokenSink {
        void accept(CharSequence chars, int from, int to);
    }

    /** The tokens of {@link #words(String, Language)}, without a String per token. */
    static void tokens(String normalized, Language language, TokenSink sink) {
        Analyzer analyzer = language == Language.ZH ? Holder.CHINESE : Holder.ENGLISH;
        int cursor = 0;
        try (TokenStream ts = analyzer.tokenStream("text", normalized)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            OffsetAttribute offset = ts.addAttribute(OffsetAttribute.class);
            ts.reset();
            while (ts.incrementToken()) {
                if (hasLetterOrDigit(term)) {
                    cursor = marks(normalized, cursor, offset.startOffset(), sink);
                    sink.accept(term, 0, term.length());
                    cursor = Math.max(cursor, offset.endOffset());
                }
            }
            ts.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        marks(normalized, cursor, normalized.length(), sink);
    }

    /** Emits the runs of ! and ? between two offsets as tokens; returns the end offset. */
    private static int marks(String text, int from, int to, TokenSink sink) {
        int i = Math.max(0, from);
        int end = Math.min(to, text.length());
        while (i < end) {
            char c = text.charAt(i);
            if (c == '!' || c == '?') {
                int j = i;
                while (j < end && (text.charAt(j) == '!' || text.charAt(j) == '?')) {
                    j++;
                }
                sink.accept(text, i, Math.min(j, i + 3));
                i = j;
            } else {
                i++;
            }
        }
        return Math.max(from, to);
    }

    /**
     * scikit-learn's {@code char_wb} n-grams: each white-space separated chunk padded with one
     * space on each side, n-grams of code points for n in [min, max], a chunk shorter than n
     * giving itself once.
     */
    public static void charWbNgrams(String normalized, int min, int max, Consumer<String> sink) {
        for (String chunk : normalized.split(" ")) {
            if (chunk.isEmpty()) {
                continue;
            }
            int[] cps = (" " + chunk + " ").codePoints().toArray();
            for (int n = min; n <= max; n++) {
                int offset = 0;
                sink.accept(new String(cps, offset, Math.min(n, cps.length)));
                while (offset + n < cps.length) {
                    offset++;
                    sink.accept(new String(cps, offset, n));
                }
                if (offset == 0) {
                    break;
                }
            }
        }
    }

    private static boolean hasLetterOrDigit(CharSequence term) {
        for (int i = 0; i < term.length(); i++) {
            if (Character.isLetterOrDigit(term.charAt(i))) {
                return true;
            }
        }
        return false;
    }
}
