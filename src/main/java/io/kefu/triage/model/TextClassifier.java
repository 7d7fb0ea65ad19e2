package io.kefu.triage.model;

import io.kefu.triage.text.Language;
import io.kefu.triage.text.SparseVector;
import io.kefu.triage.text.TfidfVectorizer;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * A trained one-vs-rest linear text classifier: TF-IDF features, one weight vector per label,
 * Platt-calibrated confidences. Single-label models normalise the confidences to sum to one and
 * predict the best label; multi-label models predict every label at or above the tuned threshold,
 * and the best one when none reaches it. Immutable and safe for concurrent use.
 */
public final class TextClassifier {

    /** 2: n-gram keys in the vocabulary; 1 (still read): n-grams as text. */
    private static final int FORMAT = 2;

    private final List<String> labels;
    private final TfidfVectorizer vectorizer;
    /** Feature-major: weight of feature f for label k is at {@code f * labels + k}. */
    private final float[] weights;
    private final float[] bias;
    private final double calibrationSlope;
    private final double calibrationOffset;
    private final boolean multiLabel;
    private final double threshold;
    private final String description;

    TextClassifier(List<String> labels, TfidfVectorizer vectorizer, float[] weights,
            float[] bias, double calibrationSlope, double calibrationOffset, boolean multiLabel,
            double threshold, String description) {
        if (weights.length != vectorizer.dimension() * labels.size()
                || bias.length != labels.size()) {
            throw new IllegalArgumentException("weights do not match features x labels");
        }
        this.labels = List.copyOf(labels);
        this.vectorizer = vectorizer;
        this.weights = weights;
        this.bias = bias;
        this.calibrationSlope = calibrationSlope;
        this.calibrationOffset = calibrationOffset;
        this.multiLabel = multiLabel;
        this.threshold = threshold;
        this.description = description;
    }

    /** The labels this model knows, in the order of {@link #probabilities}. */
    public List<String> labels() {
        return labels;
    }

    /** Whether several labels can be predicted for one text. */
    public boolean multiLabel() {
        return multiLabel;
    }

    /** The probability a label needs to be predicted (multi-label models). */
    public double threshold() {
        return threshold;
    }

    /** Solver, C, features: what training chose, for reports. */
    public String description() {
        return description;
    }

    /** Calibrated confidence per label, in {@link #labels()} order. */
    public double[] probabilities(String text, Language language) {
        Language lang = language != null ? language : Language.detect(text);
        SparseVector x = vectorizer.transform(text, lang);
        int l = labels.size();
        double[] scores = new double[l];
        for (int k = 0; k < l; k++) {
            scores[k] = bias[k];
        }
        int[] idx = x.indices();
        float[] val = x.values();
        for (int i = 0; i < idx.length; i++) {
            int base = idx[i] * l;
            float v = val[i];
            for (int k = 0; k < l; k++) {
                scores[k] += v * weights[base + k];
            }
        }
        return calibrate(scores);
    }

    double[] calibrate(double[] decisions) {
        double[] p = new double[decisions.length];
        double sum = 0;
        for (int k = 0; k < p.length; k++) {
            p[k] = sigmoid(calibrationSlope * decisions[k] + calibrationOffset);
            sum += p[k];
        }
        if (!multiLabel && sum > 0) {
            for (int k = 0; k < p.length; k++) {
                p[k] /= sum;
            }
        }
        return p;
    }

    /** Every label with its confidence, most confident first. */
    public List<LabelScore> rank(String text, Language language) {
        double[] p = probabilities(text, language);
        List<LabelScore> all = new ArrayList<>(p.length);
        for (int k = 0; k < p.length; k++) {
            all.add(new LabelScore(labels.get(k), p[k]));
        }
        all.sort(Comparator.comparingDouble(LabelScore::confidence).reversed());
        return all;
    }

    /** The predicted labels, most confident first; never empty. */
    public List<LabelScore> predict(String text, Language language) {
        return select(rank(text, language), multiLabel, threshold);
    }

    /** Applies the decision rule to a ranking: threshold (multi-label) or argmax, never empty. */
    static List<LabelScore> select(List<LabelScore> ranked, boolean multiLabel,
            double threshold) {
        if (!multiLabel) {
            return List.of(ranked.get(0));
        }
        List<LabelScore> chosen = ranked.stream()
                .filter(s -> s.confidence() >= threshold).toList();
        return chosen.isEmpty() ? List.of(ranked.get(0)) : chosen;
    }

    /** Predicted label names for each example, for {@link Metrics}. */
    public List<List<String>> predictLabels(List<Example> examples) {
        return examples.stream()
                .map(e -> predict(e.text(), null).stream().map(LabelScore::label).toList())
                .toList();
    }

    /** Scores this model on labelled examples. */
    public Metrics evaluate(List<Example> examples) {
        return Metrics.of(examples.stream().map(Example::labels).toList(),
                predictLabels(examples));
    }

    static double sigmoid(double z) {
        return 1 / (1 + Math.exp(-z));
    }

    /** Writes the model; {@link #read(DataInput)} restores it. */
    public void write(DataOutput out) throws IOException {
        out.writeInt(FORMAT);
        out.writeInt(labels.size());
        for (String label : labels) {
            out.writeUTF(label);
        }
        out.writeBoolean(multiLabel);
        out.writeDouble(threshold);
        out.writeDouble(calibrationSlope);
        out.writeDouble(calibrationOffset);
        out.writeUTF(description);
        vectorizer.write(out);
        writeFloats(out, bias);
        writeFloats(out, weights);
    }

    /** Reads a model written by {@link #write(DataOutput)}. */
    public static TextClassifier read(DataInput in) throws IOException {
        int format = in.readInt();
        if (format != FORMAT && format != 1) {
            throw new IOException("unknown classifier format " + format);
        }
        int n = in.readInt();
        List<String> labels = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            labels.add(in.readUTF());
        }
        boolean multiLabel = in.readBoolean();
        double threshold = in.readDouble();
        double slope = in.readDouble();
        double offset = in.readDouble();
        String description = in.readUTF();
        TfidfVectorizer vectorizer = TfidfVectorizer.read(in, format);
        float[] bias = readFloats(in);
        float[] weights = readFloats(in);
        return new TextClassifier(labels, vectorizer, weights, bias, slope, offset, multiLabel,
                threshold, description);
    }

    private static void writeFloats(DataOutput out, float[] values) throws IOException {
        out.writeInt(values.length);
        ByteBuffer buffer = ByteBuffer.allocate(values.length * Float.BYTES);
        buffer.asFloatBuffer().put(values);
        out.write(buffer.array());
    }

    private static float[] readFloats(DataInput in) throws IOException {
        int n = in.readInt();
        byte[] bytes = new byte[n * Float.BYTES];
        in.readFully(bytes);
        float[] values = new float[n];
        ByteBuffer.wrap(bytes).asFloatBuffer().get(values);
        return values;
    }

    @Override
    public String toString() {
        return "TextClassifier[" + description + ", labels=" + labels.size() + ", multiLabel="
                + multiLabel + ", threshold=" + threshold + ", calibration="
                + Arrays.toString(new double[] {calibrationSlope, calibrationOffset}) + "]";
    }
}
