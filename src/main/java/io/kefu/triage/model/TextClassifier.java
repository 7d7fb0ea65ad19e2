package io.kefu.triage.model;

import io.kefu.text.Language;
import io.kefu.triage.text.SparseVector;
import io.kefu.triage.text.TextEncoder;
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
 * A trained one-vs-rest linear text classifier: TF-IDF features, optionally followed by a
 * sentence encoder's vector as a dense block (weighted against the TF-IDF blocks), one weight
 * vector per label, Platt-calibrated confidences. Single-label models normalise the confidences to sum to one and
 * predict the best label; multi-label models predict every label at or above the tuned threshold,
 * and the best one when none reaches it. Immutable and safe for concurrent use.
 */
public final class TextClassifier {

    /**
     * 3: an optional sentence-encoder block; 2 (still read): n-gram keys in the vocabulary;
     * 1 (still read): n-grams as text.
     */
    private static final int FORMAT = 3;

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
    /** The encoder whose vector follows the TF-IDF columns; null: TF-IDF only. */
    private final TextEncoder encoder;
    /** Share of the squared norm given to the encoder's block (0 without one). */
    private final double encoderWeight;

    TextClassifier(List<String> labels, TfidfVectorizer vectorizer, float[] weights,
            float[] bias, double calibrationSlope, double calibrationOffset, boolean multiLabel,
            double threshold, String description) {
        this(labels, vectorizer, null, 0, weights, bias, calibrationSlope, calibrationOffset,
                multiLabel, threshold, description);
    }

    TextClassifier(List<String> labels, TfidfVectorizer vectorizer, TextEncoder encoder,
            double encoderWeight, float[] weights, float[] bias, double calibrationSlope,
            double calibrationOffset, boolean multiLabel, double threshold, String description) {
        int width = vectorizer.dimension() + (encoder == null ? 0 : encoder.dimension());
        if (weights.length != width * labels.size() || bias.length != labels.size()) {
            throw new IllegalArgumentException("weights do not match features x labels");
        }
        if (encoder != null && !(encoderWeight > 0 && encoderWeight <= 1)) {
            throw new IllegalArgumentException("encoder weight " + encoderWeight);
        }
        this.encoder = encoder;
        this.encoderWeight = encoder == null ? 0 : encoderWeight;
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

    /** The sentence encoder this model was trained with, or {@code null}. */
    public TextEncoder encoder() {
        return encoder;
    }

    /** Calibrated confidence per label, in {@link #labels()} order. */
    public double[] probabilities(String text, Language language) {
        int l = labels.size();
        double[] scores = new double[l];
        for (int k = 0; k < l; k++) {
            scores[k] = bias[k];
        }
        if (encoderWeight < 1) {
            Language lang = language != null ? language : Language.detect(text);
            SparseVector x = vectorizer.transform(text, lang);
            float scale = (float) Math.sqrt(1 - encoderWeight);
            int[] idx = x.indices();
            float[] val = x.values();
            for (int i = 0; i < idx.length; i++) {
                int base = idx[i] * l;
                float v = val[i] * scale;
                for (int k = 0; k < l; k++) {
                    scores[k] += v * weights[base + k];
                }
            }
        }
        if (encoder != null) {
            float[] e = encoder.encode(text);
            float scale = (float) Math.sqrt(encoderWeight);
            int base = vectorizer.dimension() * l;
            for (int h = 0; h < e.length; h++, base += l) {
                float v = e[h] * scale;
                for (int k = 0; k < l; k++) {
                    scores[k] += v * weights[base + k];
                }
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
        out.writeBoolean(encoder != null);
        if (encoder != null) {
            out.writeUTF(encoder.fingerprint());
            out.writeInt(encoder.dimension());
            out.writeDouble(encoderWeight);
        }
        writeFloats(out, bias);
        writeFloats(out, weights);
    }

    /** Reads a model written by {@link #write(DataOutput)} that uses no sentence encoder. */
    public static TextClassifier read(DataInput in) throws IOException {
        return read(in, null);
    }

    /**
     * Reads a model written by {@link #write(DataOutput)}.
     *
     * @param encoder the sentence encoder configured now, or {@code null}
     * @throws EncoderMismatchException when the model was trained with an encoder and that is not
     *                                  the one given (or none is). A model trained without one
     *                                  reads with any: it simply does not use it.
     */
    public static TextClassifier read(DataInput in, TextEncoder encoder) throws IOException {
        int format = in.readInt();
        if (format < 1 || format > FORMAT) {
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
        TfidfVectorizer vectorizer = TfidfVectorizer.read(in, Math.min(format, 2));
        TextEncoder used = null;
        double encoderWeight = 0;
        if (format >= 3 && in.readBoolean()) {
            String fingerprint = in.readUTF();
            int dimension = in.readInt();
            encoderWeight = in.readDouble();
            used = encoder == null ? null : encoder.recorded(fingerprint);
            if (used == null) {
                throw new EncoderMismatchException(fingerprint,
                        encoder == null ? null : encoder.fingerprint());
            }
            if (used.dimension() != dimension) {
                throw new IOException("encoder " + fingerprint + " gives " + used.dimension()
                        + " values, the model expects " + dimension);
            }
        }
        float[] bias = readFloats(in);
        float[] weights = readFloats(in);
        return new TextClassifier(labels, vectorizer, used, encoderWeight, weights, bias, slope,
                offset, multiLabel, threshold, description);
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
                + multiLabel + ", threshold=" + threshold + (encoder == null ? ""
                        : ", encoder=" + encoder.name() + " ×" + encoderWeight)
                + ", calibration="
                + Arrays.toString(new double[] {calibrationSlope, calibrationOffset}) + "]";
    }
}
