package io.kefu.triage.onnx;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import io.kefu.triage.IntentClassifier;
import io.kefu.triage.IntentScore;
import io.kefu.triage.text.HashedNgramVectorizer;
import io.kefu.text.Language;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Intent classification by an operator-supplied ONNX model (contract in the package
 * documentation). Thread-safe: onnxruntime sessions may be run concurrently. Close it to free
 * the native session.
 */
public final class OnnxIntentClassifier implements IntentClassifier, AutoCloseable {

    /** How to read the model's output. */
    public enum Output {
        /** Values are already probabilities. */
        PROBABILITIES,
        /** Independent logits per label (multi-label): sigmoid. */
        LOGITS_SIGMOID,
        /** Logits of one distribution (single-label): softmax. */
        LOGITS_SOFTMAX;

        /** Parses "probabilities", "logits-sigmoid", "logits_softmax", … */
        public static Output parse(String value) {
            return valueOf(value.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        }
    }

    /**
     * Where the model is and how to read it.
     *
     * @param modelPath  the .onnx file
     * @param labelsPath UTF-8 text, one label per line, in output order
     * @param output     how to turn outputs into confidences
     * @param threshold  confidence from which an intent is predicted
     * @param ngramMin   smallest char_wb n-gram of the input features
     * @param ngramMax   largest char_wb n-gram of the input features
     */
    public record Options(Path modelPath, Path labelsPath, Output output, double threshold,
            int ngramMin, int ngramMax) {
    }

    private final OrtEnvironment environment;
    private final OrtSession session;
    private final String inputName;
    private final List<String> labels;
    private final HashedNgramVectorizer vectorizer;
    private final Options options;
    private final String version;

    private OnnxIntentClassifier(OrtEnvironment environment, OrtSession session, String inputName,
            List<String> labels, HashedNgramVectorizer vectorizer, Options options,
            String version) {
        this.environment = environment;
        this.session = session;
        this.inputName = inputName;
        this.labels = labels;
        this.vectorizer = vectorizer;
        this.options = options;
        this.version = version;
    }

    /**
     * Loads and checks the model: one float input with a fixed last dimension, and an output
     * as wide as the labels file.
     *
     * @throws IOException when a file cannot be read or does not meet the contract
     */
    public static OnnxIntentClassifier load(Options options) throws IOException {
        List<String> labels = Files.readAllLines(options.labelsPath(), StandardCharsets.UTF_8)
                .stream().map(s -> s.replace("\uFEFF", "").strip())
                .filter(s -> !s.isEmpty()).toList();
        if (labels.isEmpty()) {
            throw new IOException(options.labelsPath() + " lists no labels");
        }
        OrtEnvironment environment = OrtEnvironment.getEnvironment();
        OrtSession session = null;
        try {
            session = environment.createSession(options.modelPath().toString(),
                    new OrtSession.SessionOptions());
            if (session.getNumInputs() != 1) {
                throw new IOException("expected one input, found " + session.getInputNames());
            }
            Map.Entry<String, NodeInfo> input =
                    session.getInputInfo().entrySet().iterator().next();
            long[] inShape = shapeOf(input.getValue());
            long width = inShape.length == 0 ? -1 : inShape[inShape.length - 1];
            if (inShape.length != 2 || width <= 0) {
                throw new IOException("input " + input.getKey() + " must be float [N, D] with a"
                        + " fixed D; found " + java.util.Arrays.toString(inShape));
            }
            long[] outShape = shapeOf(session.getOutputInfo().values().iterator().next());
            long outWidth = outShape.length == 0 ? -1 : outShape[outShape.length - 1];
            if (outWidth > 0 && outWidth != labels.size()) {
                throw new IOException("model outputs " + outWidth + " values but "
                        + options.labelsPath() + " lists " + labels.size() + " labels");
            }
            String version = "onnx:" + options.modelPath().getFileName();
            return new OnnxIntentClassifier(environment, session, input.getKey(), labels,
                    new HashedNgramVectorizer((int) width, options.ngramMin(), options.ngramMax()),
                    options, version);
        } catch (OrtException e) {
            closeQuietly(session);
            throw new IOException("cannot load ONNX model " + options.modelPath() + ": "
                    + e.getMessage(), e);
        } catch (IOException | RuntimeException e) {
            closeQuietly(session);
            throw e;
        }
    }

    private static long[] shapeOf(NodeInfo info) throws IOException {
        if (info.getInfo() instanceof TensorInfo tensor) {
            return tensor.getShape();
        }
        throw new IOException(info.getName() + " is not a tensor");
    }

    /** The labels, in output order. */
    public List<String> labels() {
        return labels;
    }

    /** Width of the input feature vector. */
    public int dimension() {
        return vectorizer.dimension();
    }

    @Override
    public List<IntentScore> rank(String text, Language language) {
        float[] features = vectorizer.transform(text).toDense(vectorizer.dimension());
        float[] raw;
        try (OnnxTensor tensor = OnnxTensor.createTensor(environment, FloatBuffer.wrap(features),
                new long[] {1, features.length});
                OrtSession.Result result = session.run(Map.of(inputName, tensor))) {
            raw = ((float[][]) result.get(0).getValue())[0];
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX inference failed: " + e.getMessage(), e);
        }
        if (raw.length != labels.size()) {
            throw new IllegalStateException("model returned " + raw.length + " values for "
                    + labels.size() + " labels");
        }
        double[] p = confidences(raw);
        List<IntentScore> ranking = new ArrayList<>(p.length);
        for (int k = 0; k < p.length; k++) {
            ranking.add(new IntentScore(labels.get(k), p[k]));
        }
        ranking.sort(Comparator.comparingDouble(IntentScore::confidence).reversed());
        return ranking;
    }

    private double[] confidences(float[] raw) {
        double[] p = new double[raw.length];
        switch (options.output()) {
            case PROBABILITIES -> {
                for (int k = 0; k < raw.length; k++) {
                    p[k] = Math.max(0, Math.min(1, raw[k]));
                }
            }
            case LOGITS_SIGMOID -> {
                for (int k = 0; k < raw.length; k++) {
                    p[k] = 1 / (1 + Math.exp(-raw[k]));
                }
            }
            case LOGITS_SOFTMAX -> {
                double max = Double.NEGATIVE_INFINITY;
                for (float v : raw) {
                    max = Math.max(max, v);
                }
                double sum = 0;
                for (int k = 0; k < raw.length; k++) {
                    p[k] = Math.exp(raw[k] - max);
                    sum += p[k];
                }
                for (int k = 0; k < raw.length; k++) {
                    p[k] /= sum;
                }
            }
            default -> throw new IllegalStateException("unknown output " + options.output());
        }
        return p;
    }

    @Override
    public List<IntentScore> predict(List<IntentScore> ranking) {
        List<IntentScore> chosen = ranking.stream()
                .filter(s -> s.confidence() >= options.threshold()).toList();
        return chosen.isEmpty() ? List.of(ranking.get(0)) : chosen;
    }

    @Override
    public String version() {
        return version;
    }

    @Override
    public void close() {
        closeQuietly(session);
    }

    private static void closeQuietly(OrtSession session) {
        if (session != null) {
            try {
                session.close();
            } catch (OrtException e) {
                // nothing more to free
            }
        }
    }
}
