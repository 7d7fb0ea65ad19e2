package io.kefu.triage.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The token-id encoder contract on models written by the test: a word-level tokenizer.json and
 * an embedding-table "encoder" with known vectors, so every output is checked against the
 * arithmetic (mean of the looked-up rows, then unit length).
 */
class OnnxSentenceEncoderTest {

    /** Token id → vector; id 0 is the unknown word. */
    static final float[][] EMBEDDING = {
        {1, 1, 1},
        {1, 0, 0},
        {0, 2, 0},
        {0, 0, 3},
        {1, 1, 0},
    };
    static final String TOKENIZER = """
            {"version": "1.0", "truncation": null, "padding": null, "added_tokens": [],
             "normalizer": {"type": "Lowercase"}, "pre_tokenizer": {"type": "Whitespace"},
             "post_processor": null, "decoder": null,
             "model": {"type": "WordLevel", "unk_token": "[UNK]",
                       "vocab": {"[UNK]": 0, "card": 1, "arrived": 2, "refund": 3, "please": 4}}}
            """;

    @TempDir
    Path dir;

    @Test
    void meanPoolsTheTokenVectorsAndNormalisesThem() throws IOException {
        try (OnnxSentenceEncoder encoder = load(false, false, 16)) {
            assertThat(encoder.dimension()).isEqualTo(3);
            assertThat(encoder.tokenIds("Card arrived")).containsExactly(1, 2);
            // mean of (1, 0, 0) and (0, 2, 0) = (0.5, 1, 0), length √1.25
            assertVector(encoder.encode("Card arrived"), 0.5 / Math.sqrt(1.25),
                    1 / Math.sqrt(1.25), 0);
            // (1, 0, 0) + (0, 2, 0) + (0, 0, 3) + (1, 1, 1 unknown) over 4 = (0.5, 0.75, 1)
            double norm = Math.sqrt(0.25 + 0.5625 + 1);
            assertVector(encoder.encode("card arrived refund xyz"), 0.5 / norm, 0.75 / norm,
                    1 / norm);
        }
    }

    @Test
    void readsAnAlreadyPooledOutputAndAnUnusedTokenTypeInput() throws IOException {
        try (OnnxSentenceEncoder hidden = load(false, false, 16);
                OnnxSentenceEncoder pooled = load(true, true, 16)) {
            for (String text : new String[] {"card arrived", "refund please", "please"}) {
                float[] expected = hidden.encode(text);
                float[] actual = pooled.encode(text);
                assertVector(actual, expected[0], expected[1], expected[2]);
            }
        }
    }

    @Test
    void truncatesToTheTokenCap() throws IOException {
        try (OnnxSentenceEncoder encoder = load(false, false, 2)) {
            assertThat(encoder.tokenIds("card arrived refund please")).containsExactly(1, 2);
            float[] cut = encoder.encode("card arrived refund please");
            float[] head = encoder.encode("card arrived");
            assertVector(cut, head[0], head[1], head[2]);
        }
    }

    @Test
    void identifiesTheModelFileBySha256() throws IOException {
        try (OnnxSentenceEncoder a = load(false, false, 16);
                OnnxSentenceEncoder b = load(true, false, 16)) {
            assertThat(a.fingerprint()).matches("sha256:[0-9a-f]{64}");
            assertThat(a.fingerprint()).isNotEqualTo(b.fingerprint());
        }
    }

    @Test
    void refusesAModelWithoutTokenIdInputs() throws IOException {
        Path model = dir.resolve("classifier.onnx");
        Files.write(model, OnnxTestModels.tiny());
        Path tokenizer = Files.writeString(dir.resolve("tokenizer.json"), TOKENIZER,
                StandardCharsets.UTF_8);

        assertThatThrownBy(() -> OnnxSentenceEncoder.load(
                new OnnxSentenceEncoder.Options(model, tokenizer, 16)))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("input_ids");
    }

    private OnnxSentenceEncoder load(boolean pooled, boolean typeIds, int maxTokens)
            throws IOException {
        String name = (pooled ? "pooled" : "hidden") + (typeIds ? "-types" : "");
        Path model = dir.resolve(name + ".onnx");
        Files.write(model, TinyOnnxModel.tokenEncoder(EMBEDDING, pooled, typeIds));
        Path tokenizer = Files.writeString(dir.resolve("tokenizer.json"), TOKENIZER,
                StandardCharsets.UTF_8);
        return OnnxSentenceEncoder.load(
                new OnnxSentenceEncoder.Options(model, tokenizer, maxTokens));
    }

    private static void assertVector(float[] actual, double... expected) {
        assertThat(actual).hasSize(expected.length);
        for (int i = 0; i < expected.length; i++) {
            assertThat((double) actual[i]).as("component %d", i)
                    .isCloseTo(expected[i], within(1e-5));
        }
    }
}
