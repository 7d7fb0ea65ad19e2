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
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.DoubleConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The static distillation of an encoder, on the embedding-table "encoder" written by
 * {@link TinyOnnxModel} with a BERT-like tokenizer ({@code [CLS] … [SEP]} around each text):
 * every row and every text vector is checked against the arithmetic, and so are the table cache
 * and the refusal of a table or a classifier that belongs to another encoder.
 */
class StaticEmbeddingEncoderTest {

    /** Token id → vector; 0 unknown, 5 [CLS], 6 [SEP]. */
    static final float[][] EMBEDDING = {
        {1, 1, 1},
        {1, 0, 0},
        {0, 2, 0},
        {0, 0, 3},
        {1, 1, 0},
        {3, 0, 0},
        {0, 0, 6},
    };
    static final float[][] OTHER = {
        {1, 1, 1},
        {0, 1, 0},
        {2, 0, 0},
        {0, 3, 0},
        {0, 1, 1},
        {3, 0, 0},
        {0, 0, 6},
    };
    static final String TOKENIZER = """
            {"version": "1.0", "truncation": null, "padding": null,
             "added_tokens": [
               {"id": 0, "content": "[UNK]", "single_word": false, "lstrip": false,
                "rstrip": false, "normalized": false, "special": true},
               {"id": 5, "content": "[CLS]", "single_word": false, "lstrip": false,
                "rstrip": false, "normalized": false, "special": true},
               {"id": 6, "content": "[SEP]", "single_word": false, "lstrip": false,
                "rstrip": false, "normalized": false, "special": true}],
             "normalizer": {"type": "Lowercase"}, "pre_tokenizer": {"type": "Whitespace"},
             "post_processor": {"type": "BertProcessing", "sep": ["[SEP]", 6],
                                "cls": ["[CLS]", 5]},
             "decoder": null,
             "model": {"type": "WordLevel", "unk_token": "[UNK]",
                       "vocab": {"[UNK]": 0, "card": 1, "arrived": 2, "refund": 3,
                                 "please": 4, "[CLS]": 5, "[SEP]": 6}}}
            """;

    @TempDir
    Path dir;

    @Test
    void distilsEachTokenBetweenTheSpecialTokensAndWeightsItByZipf() throws IOException {
        StaticEmbeddingTable table = StaticEmbeddingDistiller.distil(
                options(encoder("batched", EMBEDDING, "B"), 0), m -> { });

        assertThat(table.vocabularySize()).isEqualTo(7);
        assertThat(table.dimension()).isEqualTo(3);
        assertThat(table.recipe()).isEqualTo("mean-pca0-zipf");
        for (int id = 0; id < 7; id++) {
            for (int h = 0; h < 3; h++) {
                // the encoder mean-pools [CLS] token [SEP]
                double expected = (EMBEDDING[5][h] + EMBEDDING[id][h] + EMBEDDING[6][h]) / 3;
                assertThat((double) table.rows()[id * 3 + h]).as("row %d, %d", id, h)
                        .isCloseTo(expected, within(1e-6));
            }
        }
        assertThat(table.weights()).containsExactly(0f, (float) Math.log(2),
                (float) Math.log(3), (float) Math.log(4), (float) Math.log(5), 0f, 0f);
    }

    @Test
    void canTakeTheOutputAtTheTokensOwnPositionInstead() throws IOException {
        StaticEmbeddingTable table = StaticEmbeddingDistiller.distil(
                new StaticEmbeddingDistiller.Options(encoder("batched", EMBEDDING, "B"),
                        tokenizer(), 0, 1, true), m -> { });

        assertThat(table.recipe()).isEqualTo("token-pca0-zipf");
        for (int id = 0; id < 7; id++) {
            for (int h = 0; h < 3; h++) {
                assertThat(table.rows()[id * 3 + h]).isEqualTo(EMBEDDING[id][h]);
            }
        }
    }

    @Test
    void anEncoderWithABatchOfOneGivesTheSameTable() throws IOException {
        StaticEmbeddingTable batched = StaticEmbeddingDistiller.distil(
                options(encoder("batched", EMBEDDING, "B"), 0), m -> { });
        StaticEmbeddingTable single = StaticEmbeddingDistiller.distil(
                options(encoder("single", EMBEDDING, "1"), 0), m -> { });

        assertThat(single.rows()).containsExactly(batched.rows());
    }

    @Test
    void aTextsVectorIsTheWeightedMeanOfItsTokensRowsAtUnitLength() throws IOException {
        try (StaticEmbeddingEncoder encoder = obtain(encoder("a", EMBEDDING, "B"), 0,
                s -> { })) {
            assertThat(encoder.dimension()).isEqualTo(3);
            assertThat(encoder.tokenIds("Card arrived xyz")).containsExactly(1, 2, 0);
            // rows: card (4, 0, 6) / 3, arrived (3, 2, 6) / 3; weights ln 2, ln 3; xyz unknown
            double[] sum = new double[3];
            double[][] rows = {{4 / 3.0, 0, 2}, {1, 2 / 3.0, 2}};
            double[] weights = {Math.log(2), Math.log(3)};
            for (int t = 0; t < 2; t++) {
                for (int h = 0; h < 3; h++) {
                    sum[h] += weights[t] * rows[t][h];
                }
            }
            double norm = Math.sqrt(sum[0] * sum[0] + sum[1] * sum[1] + sum[2] * sum[2]);
            float[] v = encoder.encode("Card arrived xyz");
            for (int h = 0; h < 3; h++) {
                assertThat((double) v[h]).as("component %d", h)
                        .isCloseTo(sum[h] / norm, within(1e-5));
            }
            assertThat(encoder.encode("xyz")).containsExactly(0f, 0f, 0f);
        }
    }

    @Test
    void reducesTheRowsByPcaWithoutLosingWhatLiesInTheKeptAxes() {
        // six points on the plane x + y + z = 1: two axes hold all the variance
        float[] rows = {1, 0, 0, 0, 1, 0, 0, 0, 1, 0.5f, 0.5f, 0, 0, 0.5f, 0.5f, 2, -1, 0};
        float[] reduced = Pca.project(rows, 3, 2);

        for (int a = 0; a < 6; a++) {
            for (int b = a + 1; b < 6; b++) {
                double before = 0;
                double after = 0;
                for (int h = 0; h < 3; h++) {
                    before += Math.pow(rows[a * 3 + h] - rows[b * 3 + h], 2);
                }
                for (int h = 0; h < 2; h++) {
                    after += Math.pow(reduced[a * 2 + h] - reduced[b * 2 + h], 2);
                }
                assertThat(after).as("distance %d-%d", a, b).isCloseTo(before, within(1e-6));
            }
        }
        double first = 0;
        double second = 0;
        for (int r = 0; r < 6; r++) {
            first += reduced[r * 2] * reduced[r * 2];
            second += reduced[r * 2 + 1] * reduced[r * 2 + 1];
        }
        assertThat(first).isGreaterThanOrEqualTo(second);
    }

    @Test
    void reusesTheCachedTableAndRefusesOneDistilledFromAnotherEncoder() throws IOException {
        Path a = encoder("a", EMBEDDING, "B");
        Path b = encoder("b", OTHER, "B");
        double[] seconds = {-1};
        String first;
        try (StaticEmbeddingEncoder encoder = obtain(a, 0, s -> seconds[0] = s)) {
            first = encoder.fingerprint();
            assertThat(seconds[0]).isPositive();
        }
        try (StaticEmbeddingEncoder encoder = obtain(a, 0, s -> seconds[0] = s)) {
            assertThat(seconds[0]).isZero();
            assertThat(encoder.fingerprint()).isEqualTo(first);
        }

        Path tableOfA = StaticEmbeddingEncoder.tableFile(dir, OnnxSentenceEncoder.sha256(a),
                "mean-pca0-zipf");
        String shaOfB = OnnxSentenceEncoder.sha256(b);
        assertThatThrownBy(() -> StaticEmbeddingEncoder.load(tableOfA, tokenizer(), shaOfB, 16))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("distilled from encoder");
        // a stale file under B's name is refused and distilled again
        Files.copy(tableOfA, StaticEmbeddingEncoder.tableFile(dir, shaOfB, "mean-pca0-zipf"));
        try (StaticEmbeddingEncoder encoder = obtain(b, 0, s -> seconds[0] = s)) {
            assertThat(seconds[0]).isPositive();
            assertThat(encoder.table().encoderFingerprint()).isEqualTo(shaOfB);
            assertThat(encoder.fingerprint()).isNotEqualTo(first);
        }
    }

    @Test
    void aClassifierTrainedWithOneTableRefusesAnother() throws IOException {
        TrainingOptions quick = TrainingOptions.DEFAULT
                .withGrid(List.of(Solver.LINEAR_SVM), List.of(1.0))
                .withEncoderWeights(List.of(0.5));
        List<Example> examples = List.of(
                Example.of("card arrived", "card"), Example.of("card please", "card"),
                Example.of("my card", "card"), Example.of("card arrived please", "card"),
                Example.of("refund please", "refund"), Example.of("refund", "refund"),
                Example.of("a refund", "refund"), Example.of("refund arrived", "refund"));
        try (StaticEmbeddingEncoder a = obtain(encoder("a", EMBEDDING, "B"), 0, s -> { });
                StaticEmbeddingEncoder b = obtain(encoder("b", OTHER, "B"), 0, s -> { })) {
            TextClassifier trained = ClassifierTrainer.train(examples, quick, a, m -> { })
                    .classifier();
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            trained.write(new DataOutputStream(bytes));

            TextClassifier again = TextClassifier.read(new DataInputStream(
                    new ByteArrayInputStream(bytes.toByteArray())), a);
            assertThat(again.encoder()).isSameAs(a);
            assertThatThrownBy(() -> TextClassifier.read(new DataInputStream(
                    new ByteArrayInputStream(bytes.toByteArray())), b))
                    .isInstanceOf(EncoderMismatchException.class)
                    .hasMessageContaining(a.fingerprint())
                    .hasMessageContaining(b.fingerprint());
        }
    }

    private StaticEmbeddingEncoder obtain(Path model, int dims,
            DoubleConsumer seconds) throws IOException {
        return StaticEmbeddingEncoder.obtain(new StaticEmbeddingEncoder.Options(
                options(model, dims), dir, 16), m -> { }, seconds);
    }

    private StaticEmbeddingDistiller.Options options(Path model, int dims) throws IOException {
        return new StaticEmbeddingDistiller.Options(model, tokenizer(), dims, 1);
    }

    private Path tokenizer() throws IOException {
        Path file = dir.resolve("tokenizer.json");
        if (!Files.exists(file)) {
            Files.writeString(file, TOKENIZER, StandardCharsets.UTF_8);
        }
        return file;
    }

    private Path encoder(String name, float[][] embedding, String batch) throws IOException {
        Path model = dir.resolve(name + ".onnx");
        Files.write(model, TinyOnnxModel.tokenEncoder(embedding, false, false, batch));
        return model;
    }
}
