package io.kefu.triage.onnx;

import java.util.Arrays;
import java.util.List;

/** The tiny ONNX models of this package's tests, for other tests' wiring checks. */
public final class OnnxTestModels {

    /** Its labels, in output order. */
    public static final List<String> LABELS = OnnxIntentClassifierTest.LABELS;

    private OnnxTestModels() {
    }

    /** Sigmoid head over char_wb 2–4-gram features of width 2048 (the configured defaults). */
    public static byte[] tiny() {
        float[] bias = new float[LABELS.size()];
        Arrays.fill(bias, OnnxIntentClassifierTest.BIAS);
        return TinyOnnxModel.linear(OnnxIntentClassifierTest.weights(), bias, false);
    }

    /** The embedding-table encoder of {@link StaticEmbeddingEncoderTest} (batched). */
    public static byte[] tokenEncoder() {
        return TinyOnnxModel.tokenEncoder(StaticEmbeddingEncoderTest.EMBEDDING, false, false,
                "B");
    }

    /** Its BERT-like word-level tokenizer.json. */
    public static String tokenizer() {
        return StaticEmbeddingEncoderTest.TOKENIZER;
    }
}
