package io.kefu.triage.onnx;

import java.util.Arrays;
import java.util.List;

/** The tiny ONNX model of {@link OnnxIntentClassifierTest}, for other tests' wiring checks. */
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
}
