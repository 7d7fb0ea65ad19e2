package io.kefu.triage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kefu.triage.corpus.CsvColumns;
import io.kefu.triage.model.EncoderMismatchException;
import io.kefu.triage.model.Solver;
import io.kefu.triage.model.TrainingOptions;
import io.kefu.text.Language;
import io.kefu.triage.text.TextEncoder;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A saved model is served only with the sentence encoder it was trained with: the model file
 * records the encoder's fingerprint, loading it with another encoder or none fails, and the
 * registry retrains at start instead of serving it.
 */
class TriageModelEncoderTest {

    static final Path SEED = Path.of("triage");
    /** One solver and one C: these tests are about the encoder, not the grid. */
    static final TrainingOptions QUICK = TrainingOptions.DEFAULT
            .withGrid(List.of(Solver.LINEAR_SVM), List.of(1.0))
            .withEncoderWeights(List.of(0.5));

    @TempDir
    Path tmp;

    @Test
    void aModelTrainedWithOneEncoderRefusesToLoadWithAnotherOrNone() throws IOException {
        HashingEncoder a = new HashingEncoder("test:a", 1);
        TriageModel trained = registry(a).start();
        Path file = tmp.resolve("models").resolve(TriageModelRegistry.MODEL_FILE);

        assertThat(trained.intents().encoder()).isSameAs(a);
        assertThat(trained.intents().description()).contains("sentence encoder a");
        TriageModel again = TriageModel.load(file, new HashingEncoder("test:a", 1));
        assertThat(again.rank("我要退款", Language.ZH))
                .isEqualTo(trained.rank("我要退款", Language.ZH));
        assertThatThrownBy(() -> TriageModel.load(file, new HashingEncoder("test:b", 2)))
                .isInstanceOf(EncoderMismatchException.class)
                .hasMessageContaining("test:a").hasMessageContaining("test:b");
        assertThatThrownBy(() -> TriageModel.load(file))
                .isInstanceOf(EncoderMismatchException.class)
                .hasMessageContaining("none is configured");
    }

    @Test
    void aModelTrainedWithoutAnEncoderIsNotServedOnceOneIsConfigured() throws IOException {
        registry(null).start();
        Path file = tmp.resolve("models").resolve(TriageModelRegistry.MODEL_FILE);

        assertThatThrownBy(() -> TriageModel.load(file, new HashingEncoder("test:a", 1)))
                .isInstanceOf(EncoderMismatchException.class)
                .hasMessageContaining("without a sentence encoder");
    }

    @Test
    void theRegistryRetrainsAtStartWhenTheEncoderChanged() throws IOException {
        TriageModel withA = registry(new HashingEncoder("test:a", 1)).start();
        HashingEncoder b = new HashingEncoder("test:b", 2);

        TriageModel withB = registry(b).start();

        assertThat(withB.version()).isNotEqualTo(withA.version());
        assertThat(withB.intents().encoder()).isSameAs(b);
        TriageModel without = registry(null).start();
        assertThat(without.intents().encoder()).isNull();
        assertThat(without.version()).startsWith("classic-");
        // and the retrained file now serves without retraining again
        assertThat(registry(null).start().version()).isEqualTo(without.version());
    }

    private TriageModelRegistry registry(TextEncoder encoder) {
        return new TriageModelRegistry(SEED, tmp.resolve("models"), 0.2, CsvColumns.DEFAULT,
                QUICK, encoder);
    }

    /**
     * A stand-in encoder: lower-cased characters hashed into 16 buckets with a seed, unit
     * length. Two seeds give two different encoders of the same width.
     */
    record HashingEncoder(String fingerprint, int seed) implements TextEncoder {

        @Override
        public int dimension() {
            return 16;
        }

        @Override
        public float[] encode(String text) {
            float[] v = new float[16];
            text.toLowerCase(Locale.ROOT).codePoints()
                    .forEach(c -> v[Math.floorMod(c * 31 + seed * 17, 16)] += 1);
            double norm = 0;
            for (float x : v) {
                norm += x * x;
            }
            for (int i = 0; i < v.length && norm > 0; i++) {
                v[i] /= (float) Math.sqrt(norm);
            }
            return v;
        }

        @Override
        public String name() {
            return fingerprint.substring(fingerprint.indexOf(':') + 1);
        }
    }
}
