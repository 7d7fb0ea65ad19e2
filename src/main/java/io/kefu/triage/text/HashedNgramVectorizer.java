package io.kefu.triage.text;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import org.apache.lucene.util.StringHelper;

/**
 * The input contract of a pluggable ONNX model: a hashed bag of char_wb n-grams, equal to
 * scikit-learn's {@code HashingVectorizer(analyzer="char_wb", ngram_range=(min, max),
 * n_features=dimension, alternate_sign=False, norm="l2")} applied to
 * {@link TextAnalysis#normalize(String) normalised} text (NFKC + lower case). A model trained in
 * Python on that vectoriser therefore sees the same numbers here. Needs no fitted state.
 */
public final class HashedNgramVectorizer {

    private final int dimension;
    private final int min;
    private final int max;

    /** A vectoriser into {@code dimension} buckets over char_wb n-grams of lengths min..max. */
    public HashedNgramVectorizer(int dimension, int min, int max) {
        if (dimension < 1 || min < 1 || min > max) {
            throw new IllegalArgumentException(
                    "dimension " + dimension + ", n-grams " + min + "-" + max);
        }
        this.dimension = dimension;
        this.min = min;
        this.max = max;
    }

    /** Width of the vectors produced. */
    public int dimension() {
        return dimension;
    }

    /** The L2-normalised hashed count vector of a raw text. */
    public SparseVector transform(String text) {
        Map<Integer, int[]> counts = new TreeMap<>();
        TextAnalysis.charWbNgrams(TextAnalysis.normalize(text), min, max,
                g -> counts.computeIfAbsent(bucket(g), k -> new int[1])[0]++);
        int[] indices = new int[counts.size()];
        float[] values = new float[counts.size()];
        double norm = 0;
        int k = 0;
        for (Map.Entry<Integer, int[]> e : counts.entrySet()) {
            indices[k] = e.getKey();
            values[k] = e.getValue()[0];
            norm += (double) values[k] * values[k];
            k++;
        }
        if (norm > 0) {
            float scale = (float) (1 / Math.sqrt(norm));
            for (int i = 0; i < values.length; i++) {
                values[i] *= scale;
            }
        }
        return new SparseVector(indices, values);
    }

    /** scikit-learn's bucket: |murmurhash3_32(utf-8 bytes, seed 0)| mod dimension. */
    public int bucket(String feature) {
        byte[] bytes = feature.getBytes(StandardCharsets.UTF_8);
        int h = StringHelper.murmurhash3_x86_32(bytes, 0, bytes.length, 0);
        if (h == Integer.MIN_VALUE) {
            return (Integer.MAX_VALUE - (dimension - 1)) % dimension;
        }
        return Math.abs(h) % dimension;
    }
}
