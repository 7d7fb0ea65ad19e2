package io.kefu.triage.text;

import java.util.Arrays;

/**
 * 64-bit keys of word and char n-grams, computed from the characters in place instead of
 * building a String per n-gram. A key is a chain of {@link #step(long, long) mixing steps} from a
 * block seed over the n-gram's units (code points for char n-grams, token keys for word
 * n-grams), so equal n-grams always get equal keys, and word and char n-grams never share one.
 * Two different n-grams of a vocabulary collide with probability about 2⁻⁶⁴ per pair (a
 * million features: about 3 · 10⁻⁸ for the whole vocabulary); a collision would merely merge two
 * features.
 */
final class NgramKeys {

    static final long WORD = 0x5D58_4C0A_F1A6_0C5BL;
    static final long CHAR = 0x2B3C_9E37_7AB4_D21FL;
    static final long TOKEN = 0x7F4A_7C15_9E37_79B9L;
    private static final long MULTIPLIER = 0x9E37_79B9_7F4A_7C15L;

    private NgramKeys() {
    }

    /**
     * One link of a key chain: for a fixed {@code key}, distinct units give distinct results
     * (multiply-add by an odd constant, then MurmurHash3's 64-bit finaliser, both bijective).
     */
    static long step(long key, long unit) {
        long h = key * MULTIPLIER + unit;
        h ^= h >>> 33;
        h *= 0xFF51_AFD7_ED55_8CCDL;
        h ^= h >>> 33;
        h *= 0xC4CE_B9FE_1A85_EC53L;
        h ^= h >>> 33;
        return h;
    }

    /** The key of the word token {@code chars[from, to)}. */
    static long token(CharSequence chars, int from, int to) {
        long h = TOKEN;
        for (int i = from; i < to; i++) {
            h = step(h, chars.charAt(i));
        }
        return h;
    }

    /** The key of a char n-gram given as a String (what the old vocabularies stored). */
    static long charGram(String gram) {
        long h = CHAR;
        for (int i = 0; i < gram.length(); ) {
            int cp = gram.codePointAt(i);
            h = step(h, cp);
            i += Character.charCount(cp);
        }
        return h;
    }

    /** The key of a word n-gram given as tokens joined by single spaces. */
    static long wordGram(String gram) {
        long h = WORD;
        for (String token : gram.split(" ", -1)) {
            h = step(h, token(token, 0, token.length()));
        }
        return h;
    }

    /** Word n-grams for n in [min, max] over token keys, in text order. */
    static void wordNgrams(long[] tokens, int count, int min, int max, Keys out) {
        for (int i = 0; i < count; i++) {
            long h = WORD;
            for (int n = 1; n <= max && i + n <= count; n++) {
                h = step(h, tokens[i + n - 1]);
                if (n >= min) {
                    out.add(h);
                }
            }
        }
    }

    /**
     * scikit-learn's char_wb n-grams over code points ({@link TextAnalysis#charWbNgrams}): each
     * white-space separated chunk padded with one space on each side; inside a padded chunk of
     * length L, every window of length n in [min, min(max, L − 1)], and the whole padded chunk
     * once when L ≤ max.
     *
     * @param padded the normalised text's code points with one space before and after it, single
     *               spaces between chunks
     * @param length number of code points used in {@code padded}
     */
    static void charWbNgrams(int[] padded, int length, int min, int max, Keys out) {
        int start = 0;
        while (start < length - 2) {
            int end = start + 1;
            while (end < length && padded[end] != ' ') {
                end++;
            }
            // padded[start] and padded[end] are the spaces around the chunk
            int chunk = end - start + 1;
            for (int s = start; s <= end; s++) {
                long h = CHAR;
                int longest = Math.min(max, end + 1 - s);
                for (int n = 1; n <= longest; n++) {
                    h = step(h, padded[s + n - 1]);
                    if (n >= min && n < chunk || n == chunk && s == start) {
                        out.add(h);
                    }
                }
            }
            start = end;
        }
    }

    /** A growable list of keys, reused between texts. */
    static final class Keys {

        long[] values = new long[256];
        int size;

        void clear() {
            size = 0;
        }

        /** Forgets a buffer grown beyond {@code limit} entries. */
        void trim(int limit) {
            if (values.length > limit) {
                values = new long[256];
            }
        }

        void add(long key) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = key;
        }
    }
}
