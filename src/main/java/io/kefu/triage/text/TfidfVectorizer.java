package io.kefu.triage.text;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.IntConsumer;

/**
 * TF-IDF over word n-grams and char_wb n-grams with a vocabulary fitted on training texts
 * (scikit-learn semantics: smooth idf = ln((1 + n) / (1 + df)) + 1, optional sublinear tf).
 * The word block and the char block are L2-normalised separately and weighted equally, so the
 * whole vector has unit length. Immutable once fitted and safe for concurrent use.
 */
public final class TfidfVectorizer {

    private static final String WORD = "w";
    private static final String CHAR = "c";

    private final FeatureOptions options;
    private final String[] terms;
    private final float[] idf;
    private final int wordCount;
    /** Word and char features are looked up without their block prefix. */
    private final Map<String, Integer> wordIndex;
    private final Map<String, Integer> charIndex;

    private TfidfVectorizer(FeatureOptions options, String[] terms, float[] idf, int wordCount) {
        this.options = options;
        this.terms = terms;
        this.idf = idf;
        this.wordCount = wordCount;
        this.wordIndex = new HashMap<>(wordCount * 2);
        this.charIndex = new HashMap<>((terms.length - wordCount) * 2);
        for (int i = 0; i < terms.length; i++) {
            (i < wordCount ? wordIndex : charIndex).put(terms[i].substring(1), i);
        }
    }

    /** Fits the vocabulary and idf on training texts. */
    public static TfidfVectorizer fit(List<String> texts, List<Language> languages,
            FeatureOptions options) {
        Map<String, int[]> df = new HashMap<>();
        Set<String> seen = new HashSet<>();
        for (int d = 0; d < texts.size(); d++) {
            seen.clear();
            features(texts.get(d), languages.get(d), options, w -> seen.add(WORD + w),
                    g -> seen.add(CHAR + g));
            for (String term : seen) {
                df.computeIfAbsent(term, t -> new int[1])[0]++;
            }
        }
        String[] kept = df.entrySet().stream()
                .filter(e -> e.getValue()[0] >= options.minDf())
                .map(Map.Entry::getKey)
                .sorted((a, b) -> {
                    // word features first, then char features; alphabetical inside each block
                    int block = Boolean.compare(a.startsWith(CHAR), b.startsWith(CHAR));
                    return block != 0 ? block : a.compareTo(b);
                })
                .toArray(String[]::new);
        int words = 0;
        float[] idf = new float[kept.length];
        double n = texts.size();
        for (int i = 0; i < kept.length; i++) {
            if (kept[i].startsWith(WORD)) {
                words++;
            }
            idf[i] = (float) (Math.log((1 + n) / (1 + df.get(kept[i])[0])) + 1);
        }
        return new TfidfVectorizer(options, kept, idf, words);
    }

    /** Number of features (the model's input width). */
    public int dimension() {
        return terms.length;
    }

    /** The options this vectoriser was fitted with. */
    public FeatureOptions options() {
        return options;
    }

    /** The TF-IDF vector of a raw text; unknown features are ignored. */
    public SparseVector transform(String text, Language language) {
        // collect the index of every occurrence, then sort: equal runs are the term counts
        int[][] buffer = {new int[64]};
        int[] size = {0};
        IntConsumer add = i -> {
            if (size[0] == buffer[0].length) {
                buffer[0] = Arrays.copyOf(buffer[0], size[0] * 2);
            }
            buffer[0][size[0]++] = i;
        };
        features(text, language, options, w -> {
            Integer i = wordIndex.get(w);
            if (i != null) {
                add.accept(i);
            }
        }, g -> {
            Integer i = charIndex.get(g);
            if (i != null) {
                add.accept(i);
            }
        });
        int[] all = buffer[0];
        int n = size[0];
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
        for (int k = 0, d = -1; k < n; k++) {
            if (k == 0 || all[k] != all[k - 1]) {
                indices[++d] = all[k];
            }
            values[d]++;
        }
        for (int k = 0; k < distinct; k++) {
            int tf = (int) values[k];
            double v = (options.sublinearTf() ? 1 + Math.log(tf) : tf) * idf[indices[k]];
            values[k] = (float) v;
            if (indices[k] < wordCount) {
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
        return new SparseVector(indices, values);
    }

    /** Emits every word n-gram and char n-gram of a text, with repeats (the term counts). */
    static void features(String text, Language language, FeatureOptions options,
            Consumer<String> words, Consumer<String> chars) {
        String normalized = TextAnalysis.normalize(text);
        if (options.wordMax() > 0) {
            List<String> tokens = TextAnalysis.words(normalized, language);
            for (int n = options.wordMin(); n <= options.wordMax(); n++) {
                for (int i = 0; i + n <= tokens.size(); i++) {
                    words.accept(n == 1 ? tokens.get(i) : String.join(" ", tokens.subList(i, i + n)));
                }
            }
        }
        if (options.charMax() > 0) {
            TextAnalysis.charWbNgrams(normalized, options.charMin(), options.charMax(), chars);
        }
    }

    /** Writes the fitted vocabulary; {@link #read(DataInput)} restores it. */
    public void write(DataOutput out) throws IOException {
        out.writeInt(options.wordMin());
        out.writeInt(options.wordMax());
        out.writeInt(options.charMin());
        out.writeInt(options.charMax());
        out.writeInt(options.minDf());
        out.writeBoolean(options.sublinearTf());
        out.writeInt(wordCount);
        out.writeInt(terms.length);
        for (int i = 0; i < terms.length; i++) {
            out.writeUTF(terms[i]);
            out.writeFloat(idf[i]);
        }
    }

    /** Reads a vocabulary written by {@link #write(DataOutput)}. */
    public static TfidfVectorizer read(DataInput in) throws IOException {
        FeatureOptions options = new FeatureOptions(in.readInt(), in.readInt(), in.readInt(),
                in.readInt(), in.readInt(), in.readBoolean());
        int wordCount = in.readInt();
        int n = in.readInt();
        String[] terms = new String[n];
        float[] idf = new float[n];
        for (int i = 0; i < n; i++) {
            terms[i] = in.readUTF();
            idf[i] = in.readFloat();
        }
        return new TfidfVectorizer(options, terms, idf, wordCount);
    }

    @Override
    public String toString() {
        return "TfidfVectorizer[" + options + ", features=" + terms.length + ", words="
                + wordCount + ", sample=" + Arrays.toString(Arrays.copyOf(terms,
                Math.min(3, terms.length))) + "]";
    }
}
