package io.kefu.triage.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kefu.triage.IntentScore;
import io.kefu.triage.TriageModelRegistry;
import io.kefu.triage.TriageResult;
import io.kefu.triage.TriageService;
import io.kefu.triage.text.HashedNgramVectorizer;
import io.kefu.text.Language;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ONNX path end to end: a model written by the test (weights known), loaded by onnxruntime,
 * fed the documented hashed n-gram features, read back as labelled intents.
 */
class OnnxIntentClassifierTest {

    static final int DIMENSION = 2048;
    static final int NGRAM_MIN = 2;
    static final int NGRAM_MAX = 4;
    static final List<String> LABELS = List.of("refund", "shipping_delay", "greeting");
    /**
     * Each label's weights are the features of its prototype, so the logit is
     * {@code 20 × cosine(text, prototype) − 3} and texts like a prototype score high.
     */
    static final List<String> PROTOTYPES = List.of(
            "refund 退款 money back 退钱",
            "parcel late 快递 物流 还没到 delivery",
            "hello hi 你好 在吗");

    @TempDir
    Path dir;

    @Test
    void predictsTheLabelsTheWeightsWereBuiltFor() throws IOException {
        try (OnnxIntentClassifier onnx = OnnxIntentClassifier.load(write(false,
                OnnxIntentClassifier.Output.PROBABILITIES))) {
            assertThat(onnx.dimension()).isEqualTo(DIMENSION);
            assertThat(top(onnx, "I want a refund")).isEqualTo("refund");
            assertThat(top(onnx, "物流还没到")).isEqualTo("shipping_delay");
            assertThat(top(onnx, "你好")).isEqualTo("greeting");
        }
    }

    @Test
    void predictsSeveralIntentsWhenAMessageMixesThem() throws IOException {
        try (OnnxIntentClassifier onnx = OnnxIntentClassifier.load(write(false,
                OnnxIntentClassifier.Output.PROBABILITIES))) {
            List<IntentScore> ranking = onnx.rank("money back, the delivery is late", Language.EN);

            assertThat(onnx.predict(ranking)).extracting(IntentScore::label)
                    .containsExactlyInAnyOrder("refund", "shipping_delay");
            assertThat(ranking).extracting(IntentScore::confidence)
                    .allSatisfy(c -> assertThat(c).isBetween(0.0, 1.0));
        }
    }

    @Test
    void computesTheSameConfidencesAsTheWeightsDo() throws IOException {
        try (OnnxIntentClassifier onnx = OnnxIntentClassifier.load(write(false,
                OnnxIntentClassifier.Output.PROBABILITIES))) {
            String text = "hello, where is my refund";
            float[] x = new HashedNgramVectorizer(DIMENSION, NGRAM_MIN, NGRAM_MAX)
                    .transform(text).toDense(DIMENSION);
            float[][] w = weights();
            for (IntentScore score : onnx.rank(text, Language.EN)) {
                int k = LABELS.indexOf(score.label());
                double z = BIAS;
                for (int i = 0; i < DIMENSION; i++) {
                    z += x[i] * w[i][k];
                }
                assertThat(score.confidence()).isCloseTo(1 / (1 + Math.exp(-z)),
                        org.assertj.core.data.Offset.offset(1e-5));
            }
        }
    }

    @Test
    void replacesTheClassicalIntentModelInTheService(@TempDir Path models) throws IOException {
        TriageModelRegistry registry = new TriageModelRegistry(Path.of("triage"), models);
        registry.start();
        try (OnnxIntentClassifier onnx = OnnxIntentClassifier.load(write(false,
                OnnxIntentClassifier.Output.PROBABILITIES))) {
            TriageResult result = new TriageService(registry, onnx).classify("你好，在吗", null);

            assertThat(result.ranking()).extracting(IntentScore::label)
                    .containsExactlyInAnyOrderElementsOf(LABELS);
            assertThat(result.topIntent().label()).isEqualTo("greeting");
            assertThat(result.modelVersion()).startsWith("onnx:");
            assertThat(result.sentiment()).isNotNull();
        }
    }

    @Test
    void refusesALabelsFileThatDoesNotMatchTheOutput() throws IOException {
        OnnxIntentClassifier.Options options = write(false,
                OnnxIntentClassifier.Output.PROBABILITIES);
        Files.writeString(options.labelsPath(), "refund\nshipping_delay\n");

        assertThatThrownBy(() -> OnnxIntentClassifier.load(options))
                .isInstanceOf(IOException.class).hasMessageContaining("3 values");
    }

    @Test
    void readsSoftmaxModelsAsOneDistribution() throws IOException {
        try (OnnxIntentClassifier onnx = OnnxIntentClassifier.load(write(true,
                OnnxIntentClassifier.Output.PROBABILITIES))) {
            List<IntentScore> ranking = onnx.rank("退款 退钱", Language.ZH);

            assertThat(ranking.get(0).label()).isEqualTo("refund");
            assertThat(ranking.stream().mapToDouble(IntentScore::confidence).sum())
                    .isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-5));
        }
    }

    static final float BIAS = -3f;

    static float[][] weights() {
        HashedNgramVectorizer v = new HashedNgramVectorizer(DIMENSION, NGRAM_MIN, NGRAM_MAX);
        float[][] w = new float[DIMENSION][LABELS.size()];
        for (int k = 0; k < LABELS.size(); k++) {
            float[] prototype = v.transform(PROTOTYPES.get(k)).toDense(DIMENSION);
            for (int i = 0; i < DIMENSION; i++) {
                w[i][k] = 20 * prototype[i];
            }
        }
        return w;
    }

    private OnnxIntentClassifier.Options write(boolean softmax,
            OnnxIntentClassifier.Output output) throws IOException {
        float[] bias = new float[LABELS.size()];
        java.util.Arrays.fill(bias, BIAS);
        Path model = dir.resolve("intents.onnx");
        Files.write(model, TinyOnnxModel.linear(weights(), bias, softmax));
        Path labels = dir.resolve("labels.txt");
        Files.write(labels, LABELS);
        return new OnnxIntentClassifier.Options(model, labels, output, 0.5, NGRAM_MIN, NGRAM_MAX);
    }

    private static String top(OnnxIntentClassifier onnx, String text) {
        return onnx.predict(onnx.rank(text, null)).get(0).label();
    }
}
