package io.kefu.triage.model;

import de.bwaldvogel.liblinear.Feature;
import de.bwaldvogel.liblinear.FeatureNode;
import io.kefu.text.Language;
import io.kefu.triage.text.SparseVector;
import io.kefu.triage.text.TextEncoder;
import io.kefu.triage.text.TfidfVectorizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.IntStream;

/**
 * The examples turned into what liblinear learns from: the sorted label vocabulary, whether the
 * task is multi-label, the TF-IDF vectorizer fitted on the texts with each text's sparse vector,
 * the label matrix, and, with a sentence encoder, each text's dense vector. One job: features
 * and targets; no fitting of a model.
 */
record TrainingSet(List<String> labels, boolean multiLabel, List<String> texts,
        TfidfVectorizer vectorizer, TextEncoder encoder, SparseVector[] sparse, float[][] dense,
        boolean[][] y) {

    /**
     * Fits the vocabulary and vectorises every example.
     *
     * @param configured a sentence encoder, or {@code null}; one that tunes itself
     *                   ({@link TextEncoder#tunedTo}) sees the training texts, never their labels
     */
    static TrainingSet prepare(List<Example> examples, TrainingOptions options,
            TextEncoder configured, Consumer<String> progress) {
        if (examples.isEmpty()) {
            throw new IllegalArgumentException("no training examples");
        }
        List<String> labels = new ArrayList<>(new TreeSet<>(
                examples.stream().flatMap(e -> e.labels().stream()).toList()));
        if (labels.isEmpty()) {
            throw new IllegalArgumentException("the training examples carry no label");
        }
        boolean multiLabel = options.multiLabel() != null ? options.multiLabel()
                : examples.stream().anyMatch(e -> e.labels().size() != 1);
        int n = examples.size();
        int l = labels.size();
        List<String> texts = examples.stream().map(Example::text).toList();
        List<Language> languages = texts.stream().map(Language::detect).toList();
        TextEncoder encoder = configured == null ? null : configured.tunedTo(texts, progress);
        TfidfVectorizer vectorizer = TfidfVectorizer.fit(texts, languages, options.features());
        progress.accept(String.format(Locale.ROOT, "%d examples, %d labels, %d features%s%s",
                n, l, vectorizer.dimension(), encoder == null ? ""
                        : " + " + encoder.dimension() + " from encoder " + encoder.name(),
                multiLabel ? ", multi-label" : ""));

        SparseVector[] sparse = new SparseVector[n];
        boolean[][] y = new boolean[n][l];
        for (int i = 0; i < n; i++) {
            sparse[i] = vectorizer.transform(texts.get(i), languages.get(i));
            for (String label : examples.get(i).labels()) {
                y[i][labels.indexOf(label)] = true;
            }
        }
        float[][] dense = null;
        if (encoder != null) {
            long encoding = System.nanoTime();
            float[][] vectors = new float[n][];
            IntStream.range(0, n).parallel()
                    .forEach(i -> vectors[i] = encoder.encode(texts.get(i)));
            dense = vectors;
            progress.accept(String.format(Locale.ROOT, "encoded %d texts in %.1f s", n,
                    (System.nanoTime() - encoding) / 1e9));
        }
        return new TrainingSet(List.copyOf(labels), multiLabel, texts, vectorizer, encoder, sparse,
                dense, y);
    }

    int size() {
        return sparse.length;
    }

    /** Width of the TF-IDF block. */
    int sparseDimension() {
        return vectorizer.dimension();
    }

    /** Width of a row without the bias column: TF-IDF block plus encoder block. */
    int dimension() {
        return sparseDimension() + (encoder == null ? 0 : encoder.dimension());
    }

    /** The encoder weights worth trying: those of the options with an encoder, 0 without. */
    List<Double> encoderWeights(TrainingOptions options) {
        return encoder == null ? List.of(0.0) : options.encoderWeights();
    }

    /**
     * liblinear rows: the TF-IDF entries scaled by √(1 − w) (none when w = 1), the encoder's
     * vector scaled by √w in the columns after them, and the bias column; as in serving
     * ({@link TextClassifier#probabilities}).
     */
    Feature[][] rows(double encoderWeight) {
        int sparseDim = sparseDimension();
        Feature[][] x = new Feature[sparse.length][];
        double sparseScale = Math.sqrt(1 - encoderWeight);
        double denseScale = Math.sqrt(encoderWeight);
        int width = sparseDim + (dense == null ? 0 : dense[0].length);
        for (int i = 0; i < sparse.length; i++) {
            SparseVector v = sparse[i];
            int s = encoderWeight < 1 ? v.size() : 0;
            int d = dense == null ? 0 : dense[i].length;
            Feature[] row = new Feature[s + d + 1];
            for (int j = 0; j < s; j++) {
                row[j] = new FeatureNode(v.indices()[j] + 1,
                        (float) (v.values()[j] * sparseScale));
            }
            for (int h = 0; h < d; h++) {
                row[s + h] = new FeatureNode(sparseDim + h + 1,
                        (float) (dense[i][h] * denseScale));
            }
            row[s + d] = new FeatureNode(width + 1, 1);
            x[i] = row;
        }
        return x;
    }
}
