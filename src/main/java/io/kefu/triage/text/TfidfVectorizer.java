package io.kefu.triage.text;

import io.kefu.text.Language;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;

/**
 * TF-IDF over word n-grams and char_wb n-grams with a vocabulary fitted on training texts
 * (scikit-learn semantics: smooth idf = ln((1 + n) / (1 + df)) + 1, optional sublinear tf).
 * The word block and the char block are L2-normalised separately and weighted equally, so the
 * whole vector has unit length. Immutable once fitted and safe for concurrent use.
 *
 * <p>N-grams are never materialised as Strings: each one becomes a 64-bit {@link NgramKeys key}
 * computed from the characters in place, looked up in an open-addressing map, and the buffers
 * for one text are reused per thread. Vocabularies written by the first model format (n-grams
 * as text) are read by converting each n-gram to its key.
 */
public final class TfidfVectorizer {

    /** Buffers above this many entries are not kept for the next text. */
    private static final int KEEP_BUFFER = 1 << 16;
    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    private final FeatureOptions options;
    /** Column keys: the word block (sorted) first, then the char block (sorted). */
    private final long[] keys;
    private final float[] idf;
    private final int wordCount;
    /** Key → column (high 32 bits) and the raw float bits of its idf (low 32 bits). */
    private final LongLongMap wordIndex;
    private final LongLongMap charIndex;

    private TfidfVectorizer(FeatureOptions options, long[] keys, float[] idf, int wordCount) {
        this.options = options;
        this.keys = keys;
        this.idf = idf;
        this.wordCount = wordCount;
        this.wordIndex = new LongLongMap(wordCount);
        this.charIndex = new LongLongMap(keys.length - wordCount);
        for (int i = 0; i < keys.length; i++) {
            (i < wordCount ? wordIndex : charIndex).put(keys[i], entry(i, idf[i]));
        }
    }

    /** Fits the vocabulary and idf on training texts. */
    public static TfidfVectorizer fit(List<String> texts, List<Language> languages,
            FeatureOptions options) {
        LongLongMap wordDf = new LongLongMap(1 << 12);
        LongLongMap charDf = new LongLongMap(1 << 12);
        Scratch scratch = new Scratch();
        for (int d = 0; d < texts.size(); d++) {
            scratch.extract(texts.get(d), languages.get(d), options);
            countDistinct(scratch.words, wordDf);
            countDistinct(scratch.chars, charDf);
        }
        long[] words = kept(wordDf, options.minDf());
        long[] chars = kept(charDf, options.minDf());
        long[] keys = new long[words.length + chars.length];
        System.arraycopy(words, 0, keys, 0, words.length);
        System.arraycopy(chars, 0, keys, words.length, chars.length);
        float[] idf = new float[keys.length];
        double n = texts.size();
        for (int i = 0; i < keys.length; i++) {
            long df = (i < words.length ? wordDf : charDf).get(keys[i]);
            idf[i] = (float) (Math.log((1 + n) / (1 + df)) + 1);
        }
        return new TfidfVectorizer(options, keys, idf, words.length);
    }

    /** A map entry: the column in the high 32 bits, the idf's float bits in the low 32. */
    private static long entry(int column, float idf) {
        return (long) column << 32 | Integer.toUnsignedLong(Float.floatToRawIntBits(idf));
    }

    /** Adds one to the document frequency of each distinct key of a text. */
    private static void countDistinct(NgramKeys.Keys keys, LongLongMap df) {
        Arrays.sort(keys.values, 0, keys.size);
        for (int k = 0; k < keys.size; k++) {
            if (k == 0 || keys.values[k] != keys.values[k - 1]) {
                df.increment(keys.values[k]);
            }
        }
    }

    /** Keys with at least {@code minDf} documents, ascending (a deterministic column order). */
    private static long[] kept(LongLongMap df, int minDf) {
        long[] out = new long[df.size()];
        int[] n = {0};
        df.forEach((key, count) -> {
            if (count >= minDf) {
                out[n[0]++] = key;
            }
        });
        long[] keys = Arrays.copyOf(out, n[0]);
        Arrays.sort(keys);
        return keys;
    }

    /** Number of features (the model's input width). */
    public int dimension() {
        return keys.length;
    }

    /** The options this vectoriser was fitted with. */
    public FeatureOptions options() {
        return options;
    }

    /** The TF-IDF vector of a raw text; unknown features are ignored. */
    public SparseVector transform(String text, Language language) {
        Scratch s = SCRATCH.get();
        s.extract(text, language, options);
        // each occurrence as its map entry (column, idf), so the idf costs no memory access
        long[] all = s.entries(s.words.size + s.chars.size);
        int n = 0;
        for (int k = 0; k < s.words.size; k++) {
            long e = wordIndex.get(s.words.values[k]);
            if (e >= 0) {
                all[n++] = e;
            }
        }
        for (int k = 0; k < s.chars.size; k++) {
            long e = charIndex.get(s.chars.values[k]);
            if (e >= 0) {
                all[n++] = e;
            }
        }
        // sorted by column, equal runs are the term counts
        Arrays.sort(all, 0, n);
        int distinct = 0;
        for (int k = 0; k < n; k++) {
            if (k == 0 || all[k] != all[k - 1]) {
                distinct++;
            }
        }
        int[] indices = new int[distinct];
        float[] values = new float[distinct];
        double wordNorm = 0;
        double charNorm = 0;
        for (int k = 0, d = 0; k < n; d++) {
            long e = all[k];
            int tf = 0;
            while (k < n && all[k] == e) {
                k++;
                tf++;
            }
            int column = (int) (e >>> 32);
            double v = (options.sublinearTf() ? 1 + Math.log(tf) : tf)
                    * Float.intBitsToFloat((int) e);
            indices[d] = column;
            values[d] = (float) v;
            if (column < wordCount) {
                wordNorm += v * v;
            } else {
                charNorm += v * v;
            }
        }
        boolean both = wordNorm > 0 && charNorm > 0;
        double wordScale = wordNorm > 0 ? (both ? Math.sqrt(0.5) : 1) / Math.sqrt(wordNorm) : 0;
        double charScale = charNorm > 0 ? (both ? Math.sqrt(0.5) : 1) / Math.sqrt(charNorm) : 0;
        for (int k = 0; k < distinct; k++) {
            values[k] *= (float) (indices[k] < wordCount ? wordScale : charScale);
        }
        s.release();
        return new SparseVector(indices, values);
    }

    /** Writes the fitted vocabulary; {@link #read(DataInput, int)} restores it. */
    public void write(DataOutput out) throws IOException {
        out.writeInt(options.wordMin());
        out.writeInt(options.wordMax());
        out.writeInt(options.charMin());
        out.writeInt(options.charMax());
        out.writeInt(options.minDf());
        out.writeBoolean(options.sublinearTf());
        out.writeInt(options.wordChars());
        out.writeInt(options.textChars());
        out.writeInt(wordCount);
        out.writeInt(keys.length);
        for (int i = 0; i < keys.length; i++) {
            out.writeLong(keys[i]);
            out.writeFloat(idf[i]);
        }
    }

    /**
     * Reads a vocabulary written by {@link #write(DataOutput)} (format 2: keys), or by the first
     * model format (format 1: each n-gram as text behind a block letter, converted to its key;
     * the column order is kept, so the model's weights still line up).
     */
    public static TfidfVectorizer read(DataInput in, int format) throws IOException {
        FeatureOptions options = new FeatureOptions(in.readInt(), in.readInt(), in.readInt(),
                in.readInt(), in.readInt(), in.readBoolean(), format == 1 ? 0 : in.readInt(),
                format == 1 ? 0 : in.readInt());
        int wordCount = in.readInt();
        int n = in.readInt();
        long[] keys = new long[n];
        float[] idf = new float[n];
        for (int i = 0; i < n; i++) {
            if (format == 1) {
                String term = in.readUTF().substring(1);
                keys[i] = i < wordCount ? NgramKeys.wordGram(term) : NgramKeys.charGram(term);
            } else {
                keys[i] = in.readLong();
            }
            idf[i] = in.readFloat();
        }
        return new TfidfVectorizer(options, keys, idf, wordCount);
    }

    @Override
    public String toString() {
        return "TfidfVectorizer[" + options + ", features=" + keys.length + ", words="
                + wordCount + "]";
    }

    /** One thread's buffers: the keys of the text being vectorised and its column indices. */
    private static final class Scratch {

        final NgramKeys.Keys tokens = new NgramKeys.Keys();
        final NgramKeys.Keys words = new NgramKeys.Keys();
        final NgramKeys.Keys chars = new NgramKeys.Keys();
        final TextAnalysis.TokenSink tokenSink =
                (text, from, to) -> tokens.add(NgramKeys.token(text, from, to));
        int[] padded = new int[256];
        long[] entries = new long[256];

        /** Fills {@link #words} and {@link #chars} with the n-gram keys of a raw text. */
        void extract(String text, Language language, FeatureOptions options) {
            String normalized = head(TextAnalysis.normalize(text), options.textChars());
            words.clear();
            chars.clear();
            if (options.wordMax() > 0) {
                tokens.clear();
                String segmented = language == Language.ZH
                        ? head(normalized, options.wordChars()) : normalized;
                TextAnalysis.tokens(segmented, language, tokenSink);
                NgramKeys.wordNgrams(tokens.values, tokens.size, options.wordMin(),
                        options.wordMax(), words);

            }
            if (options.charMax() > 0) {
                int length = pad(normalized);
                NgramKeys.charWbNgrams(padded, length, options.charMin(), options.charMax(),
                        chars);
            }
        }

        /** At most {@code limit} leading chars (0: all), never splitting a surrogate pair. */
        private static String head(String text, int limit) {
            if (limit == 0 || text.length() <= limit) {
                return text;
            }
            int end = Character.isHighSurrogate(text.charAt(limit - 1)) ? limit - 1 : limit;
            return text.substring(0, end);
        }

        /** The normalised text's code points with a space before and after; returns the count. */
        private int pad(String normalized) {
            if (padded.length < normalized.length() + 2) {
                padded = new int[normalized.length() + 2];
            }
            int n = 0;
            padded[n++] = ' ';
            for (int i = 0; i < normalized.length(); ) {
                int cp = normalized.codePointAt(i);
                padded[n++] = cp;
                i += Character.charCount(cp);
            }
            padded[n++] = ' ';
            return n;
        }

        long[] entries(int size) {
            if (entries.length < size) {
                entries = new long[Math.max(size, entries.length * 2)];
            }
            return entries;
        }

        /** Drops buffers a very long text grew, so one such text does not pin memory. */
        void release() {
            if (entries.length > KEEP_BUFFER || padded.length > KEEP_BUFFER) {
                entries = new long[256];
                padded = new int[256];
            }
            tokens.trim(KEEP_BUFFER);
            words.trim(KEEP_BUFFER);
            chars.trim(KEEP_BUFFER);
        }
    }
}
