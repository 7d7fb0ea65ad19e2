package io.kefu.triage.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.kefu.triage.model.ClassifierTrainer;
import io.kefu.triage.model.EncoderMismatchException;
import io.kefu.triage.model.Example;
import io.kefu.triage.model.Solver;
import io.kefu.triage.model.TextClassifier;
import io.kefu.triage.model.TrainingOptions;
import io.kefu.text.Language;
import io.kefu.triage.text.TextEncoder;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The linear tuning of a static table towards its full encoder, on {@link TinyOnnxModel}'s
 * embedding-table encoder: the full encoder mean-pools {@code [CLS] tokens [SEP]}, the table
 * averages its rows with Zipf weights, so the two disagree and a map can bring them closer.
 */
class StaticEncoderTuningTest {

    static final List<String> TEXTS = List.of("card", "card arrived", "refund please",
            "arrived please", "refund", "my card arrived please", "refund arrived",
            "please refund card", "arrived", "card card refund", "please", "refund refund");

    @TempDir
    Path dir;

    @Test
    void ridgeRegressionRecoversAnAffineMapFromExactPairs() {
        float[][] x = new float[40][];
        float[][] y = new float[40][];
        for (int t = 0; t < 40; t++) {
            float a = (float) Math.sin(t);
            float b = (float) Math.cos(3 * t);
            x[t] = new float[] {a, b};
            // y = [[2, -1], [0.5, 0], [1, 3]] x + (0.1, -0.2, 0)
            y[t] = new float[] {2 * a - b + 0.1f, 0.5f * a - 0.2f, a + 3 * b};
        }
        LinearMap map = LinearMap.fit("sha256:x", x, y, 1e-9);

        float[] expected = {2, 0.5f, 1, -1, 0, 3, 0.1f, -0.2f, 0};
        for (int i = 0; i < expected.length; i++) {
            assertThat((double) map.weights()[i]).as("weight %d", i)
                    .isCloseTo(expected[i], within(1e-4));
        }
    }

    @Test
    void theTunedVectorsAreCloserToTheFullEncodersOnTheTrainingTexts() throws IOException {
        try (StaticEncoderTuning tuning = tuningOfA();
                OnnxSentenceEncoder full = teacher("a", StaticEmbeddingEncoderTest.EMBEDDING)) {
            TunedStaticEncoder tuned = tuning.tunedTo(TEXTS, m -> { });

            double before = 0;
            double after = 0;
            for (String text : TEXTS) {
                before += squaredDistance(tuning.encode(text), full.encode(text));
                after += squaredDistance(tuned.encode(text), full.encode(text));
            }
            assertThat(before).as("the untuned table is off").isGreaterThan(0.05);
            // least squares before the normalisation: not the exact optimum, still far closer
            assertThat(after).isLessThan(before * 0.6);
            assertThat(tuned.report().texts()).isEqualTo(TEXTS.size());
            assertThat(tuned.report().cosine()).isCloseTo(1 - after / 2 / TEXTS.size(),
                    within(1e-4));
            assertThat(tuned.dimension()).isEqualTo(full.dimension());
        }
    }

    @Test
    void readsOnlyTheFirstDistinctTextsUpToItsCap() throws IOException {
        StaticEmbeddingEncoder base = table("a", StaticEmbeddingEncoderTest.EMBEDDING);
        try (StaticEncoderTuning capped = new StaticEncoderTuning(base,
                new StaticEncoderTuning.Options(teacherOptions("a"), dir, 3, List.of(1e-3)))) {
            TunedStaticEncoder tuned = capped.tunedTo(List.of("card", "card", "refund",
                    "card", "please", "arrived"), m -> { });
            assertThat(tuned.report().texts()).isEqualTo(3);
            assertThat(tuned.fingerprint()).isEqualTo(capped.tunedTo(
                    List.of("card", "refund", "please"), m -> { }).fingerprint());
        }
    }

    @Test
    void theSameTextsGiveTheSameMapAndOtherTextsAnother() throws IOException {
        try (StaticEncoderTuning tuning = tuningOfA()) {
            TunedStaticEncoder first = tuning.tunedTo(TEXTS, m -> { });
            TunedStaticEncoder second = tuning.tunedTo(TEXTS, m -> { });
            TunedStaticEncoder other = tuning.tunedTo(TEXTS.subList(0, 6), m -> { });

            assertThat(second.map().bytes()).isEqualTo(first.map().bytes());
            assertThat(second.fingerprint()).isEqualTo(first.fingerprint())
                    .startsWith(tuning.fingerprint() + "+map:sha256:");
            assertThat(other.fingerprint()).isNotEqualTo(first.fingerprint());
            assertThat(tuning.recorded(first.fingerprint()).encode("card arrived"))
                    .containsExactly(first.encode("card arrived"));
        }
    }

    @Test
    void aClassifierRecordsItsTuningAndIsRefusedWithoutIt() throws IOException {
        TrainingOptions quick = TrainingOptions.DEFAULT
                .withGrid(List.of(Solver.LINEAR_SVM), List.of(1.0))
                .withEncoderWeights(List.of(0.5));
        List<Example> examples = List.of(
                Example.of("card arrived", "card"), Example.of("card please", "card"),
                Example.of("my card", "card"), Example.of("card arrived please", "card"),
                Example.of("refund please", "refund"), Example.of("refund", "refund"),
                Example.of("a refund", "refund"), Example.of("refund arrived", "refund"));
        StaticEmbeddingEncoder base = table("a", StaticEmbeddingEncoderTest.EMBEDDING);
        try (StaticEncoderTuning tuning = tuning("a", base);
                StaticEncoderTuning other = tuning("b",
                        table("b", StaticEmbeddingEncoderTest.OTHER))) {
            TextClassifier trained = ClassifierTrainer.train(examples, quick, tuning, m -> { })
                    .classifier();
            TextEncoder used = trained.encoder();
            assertThat(used).isInstanceOf(TunedStaticEncoder.class);
            assertThat(((TunedStaticEncoder) used).report().texts()).isEqualTo(8);
            byte[] bytes = write(trained);

            // the map is found beside the table again, e.g. after a restart
            TextClassifier again = read(bytes, tuning);
            assertThat(again.encoder().fingerprint()).isEqualTo(used.fingerprint());
            assertThat(again.probabilities("card arrived", Language.EN))
                    .containsExactly(trained.probabilities("card arrived", Language.EN));

            // not with the table alone, nor with another table's tuning
            assertThatThrownBy(() -> read(bytes, base))
                    .isInstanceOf(EncoderMismatchException.class)
                    .hasMessageContaining(used.fingerprint());
            assertThatThrownBy(() -> read(bytes, other))
                    .isInstanceOf(EncoderMismatchException.class);
            // nor once the map file is altered or gone
            Path map = tuning.mapFile(((TunedStaticEncoder) used).mapSha());
            byte[] original = Files.readAllBytes(map);
            byte[] altered = original.clone();
            altered[altered.length - 1] ^= 1;
            Files.write(map, altered);
            assertThatThrownBy(() -> read(bytes, tuning))
                    .isInstanceOf(EncoderMismatchException.class);
            Files.delete(map);
            assertThatThrownBy(() -> read(bytes, tuning))
                    .isInstanceOf(EncoderMismatchException.class);
        }
    }

    @Test
    void refusesToTuneATableWithAnotherEncoderThanItsOwn() throws IOException {
        teacher("b", StaticEmbeddingEncoderTest.OTHER).close();
        try (StaticEncoderTuning mixed = new StaticEncoderTuning(
                table("a", StaticEmbeddingEncoderTest.EMBEDDING),
                new StaticEncoderTuning.Options(teacherOptions("b"), dir, 100, List.of(1e-3)))) {
            assertThatThrownBy(() -> mixed.tunedTo(TEXTS, m -> { }))
                    .hasStackTraceContaining("distilled from");
        }
    }

    private static byte[] write(TextClassifier classifier) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        classifier.write(new DataOutputStream(bytes));
        return bytes.toByteArray();
    }

    private static TextClassifier read(byte[] bytes, TextEncoder encoder) throws IOException {
        return TextClassifier.read(new DataInputStream(new ByteArrayInputStream(bytes)), encoder);
    }

    private static double squaredDistance(float[] a, float[] b) {
        double d = 0;
        for (int i = 0; i < a.length; i++) {
            d += (a[i] - b[i]) * (double) (a[i] - b[i]);
        }
        return d;
    }

    private StaticEncoderTuning tuningOfA() throws IOException {
        return tuning("a", table("a", StaticEmbeddingEncoderTest.EMBEDDING));
    }

    private StaticEncoderTuning tuning(String name, StaticEmbeddingEncoder base)
            throws IOException {
        return new StaticEncoderTuning(base, new StaticEncoderTuning.Options(
                teacherOptions(name), dir, 100,
                StaticEncoderTuning.DEFAULT_RIDGES));
    }

    private StaticEmbeddingEncoder table(String name, float[][] embedding) throws IOException {
        Path model = encoder(name, embedding);
        return StaticEmbeddingEncoder.obtain(new StaticEmbeddingEncoder.Options(
                new StaticEmbeddingDistiller.Options(model, tokenizer(), 0, 1), dir, 16),
                m -> { }, s -> { });
    }

    private OnnxSentenceEncoder teacher(String name, float[][] embedding) throws IOException {
        encoder(name, embedding);
        return OnnxSentenceEncoder.load(teacherOptions(name));
    }

    private OnnxSentenceEncoder.Options teacherOptions(String name) throws IOException {
        return new OnnxSentenceEncoder.Options(dir.resolve(name + ".onnx"), tokenizer(), 16);
    }

    private Path tokenizer() throws IOException {
        Path file = dir.resolve("tokenizer.json");
        if (!Files.exists(file)) {
            Files.writeString(file, StaticEmbeddingEncoderTest.TOKENIZER,
                    StandardCharsets.UTF_8);
        }
        return file;
    }

    private Path encoder(String name, float[][] embedding) throws IOException {
        Path model = dir.resolve(name + ".onnx");
        if (!Files.exists(model)) {
            Files.write(model, TinyOnnxModel.tokenEncoder(embedding, false, false, "B"));
        }
        return model;
    }
}
