package io.kefu.ocr.paddle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnknownFieldSet;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * {@link GraphSimplifier} on small graphs built here (each pattern, and look-alikes it must leave
 * alone) and on the shipped PP-OCRv4 models: onnxruntime runs the model before and after on the
 * same input, and the outputs agree to float rounding.
 */
class GraphSimplifierTest {

    private static final OrtEnvironment ENV = OrtEnvironment.getEnvironment();

    @Test
    void hardSwishBecomesHardSigmoidTimesItsInput() throws Exception {
        Graph g = new Graph(1, 4, 5, 5);
        g.constant("three", 3f).constant("zero", 0f).constant("six", 6f).constant("sixAgain", 6f);
        g.node("Add", List.of("x", "three"), "t");
        g.node("Clip", List.of("t", "zero", "six"), "c");
        g.node("Mul", List.of("x", "c"), "m");
        g.node("Div", List.of("m", "sixAgain"), "y");
        GraphSimplifier.Result result = simplifiedInto(g.build("y", 1, 4, 5, 5), List.of("HardSigmoid", "Mul"), 1, 4, 5, 5);

        assertThat(result.hardSwishes()).isEqualTo(1);
    }

    @Test
    void aLookAlikeWithOtherConstantsIsLeftAlone() {
        Graph g = new Graph(1, 4, 5, 5);
        g.constant("four", 4f).constant("zero", 0f).constant("six", 6f);
        g.node("Add", List.of("x", "four"), "t");
        g.node("Clip", List.of("t", "zero", "six"), "c");
        g.node("Mul", List.of("x", "c"), "m");
        g.node("Div", List.of("m", "six"), "y");
        byte[] model = g.build("y", 1, 4, 5, 5);

        GraphSimplifier.Result result = GraphSimplifier.simplify(model);

        assertThat(result.changed()).isFalse();
        assertThat(result.model()).isSameAs(model);
    }

    @Test
    void anAffineBlockAfterAConvolutionGoesIntoItsWeightsAndBias() throws Exception {
        Graph g = new Graph(1, 3, 6, 6);
        g.weights("w", 4, 3, 3, 3).bias("b", 4).constant("s", 0.7f).constant("shift", -0.3f);
        g.conv("x", "w", "b", 1, "c");
        g.node("Mul", List.of("s", "c"), "m"); // the constant first, as paddle2onnx writes it
        g.node("Add", List.of("m", "shift"), "y");
        GraphSimplifier.Result result = simplifiedInto(g.build("y", 1, 4, 6, 6), List.of("Conv"), 1, 3, 6, 6);

        assertThat(result.affinesIntoConvBefore()).isEqualTo(1);
    }

    @Test
    void anAffineBlockBeforeAnUnpaddedConvolutionGoesIntoItsWeightsAndBias() throws Exception {
        Graph g = new Graph(1, 3, 6, 6);
        g.constant("s", 1.3f).constant("shift", 0.45f).weights("w", 5, 3, 1, 1).bias("b", 5);
        g.node("Mul", List.of("s", "x"), "m");
        g.node("Add", List.of("m", "shift"), "a");
        g.conv("a", "w", "b", 0, "y");
        GraphSimplifier.Result result = simplifiedInto(g.build("y", 1, 5, 6, 6), List.of("Conv"), 1, 3, 6, 6);

        assertThat(result.affinesIntoConvAfter()).isEqualTo(1);
    }

    @Test
    void beforeAPaddedConvolutionOnlyTheScaleMovesAndTheShiftStays() throws Exception {
        // A depthwise 3x3 convolution padding one pixel: folding the shift into its bias would be
        // wrong on every border pixel, which a 5x5 map is mostly made of.
        Graph g = new Graph(1, 4, 5, 5);
        g.constant("s", 1.3f).constant("shift", 0.45f).weights("w", 4, 1, 3, 3).bias("b", 4);
        g.node("Mul", List.of("s", "x"), "m");
        g.node("Add", List.of("m", "shift"), "a");
        g.depthwise("a", "w", "b", 4, "y");
        GraphSimplifier.Result result = simplifiedInto(g.build("y", 1, 4, 5, 5), List.of("Add", "Conv"), 1, 4, 5, 5);

        assertThat(result.scalesIntoPaddedConv()).isEqualTo(1);
    }

    @Test
    void anIntermediateResultUsedElsewhereKeepsItsPattern() {
        Graph g = new Graph(1, 3, 6, 6);
        g.weights("w", 4, 3, 3, 3).bias("b", 4).constant("s", 0.7f).constant("shift", -0.3f);
        g.conv("x", "w", "b", 1, "c");
        g.node("Mul", List.of("s", "c"), "m");
        g.node("Add", List.of("m", "shift"), "a");
        g.node("Add", List.of("a", "c"), "y"); // c is read a second time
        byte[] model = g.build("y", 1, 4, 6, 6);

        assertThat(GraphSimplifier.simplify(model).changed()).isFalse();
    }

    @Test
    void theShippedModelsAreSimplifiedAndAnswerAsBefore() throws Exception {
        OcrModelFiles files = OcrModelFiles.classPath();
        byte[] rec = files.bytes(OcrModelFiles.RECOGNISER);
        GraphSimplifier.Result r = GraphSimplifier.simplify(rec);
        assertThat(r.hardSwishes()).isEqualTo(28);
        assertThat(r.affinesIntoConvBefore()).isEqualTo(28);
        assertThat(r.affinesIntoConvAfter() + r.scalesIntoPaddedConv()).isEqualTo(25);
        // Hard-swish's Clip and Div are gone; the Divs left are the attention's layer norms.
        assertThat(ops(r.model())).doesNotContain("Clip").hasSizeLessThan(ops(rec).size() * 2 / 3);
        assertThat(count(ops(r.model()), "Div")).isEqualTo(count(ops(rec), "Div") - 28);
        assertSameOutputs(rec, r.model(), 1, 3, 48, 320);

        byte[] det = files.bytes(OcrModelFiles.DETECTOR);
        GraphSimplifier.Result d = GraphSimplifier.simplify(det);
        assertThat(d.hardSwishes()).isEqualTo(24);
        assertThat(ops(d.model())).doesNotContain("Clip", "Div");
        assertSameOutputs(det, d.model(), 1, 3, 96, 160);
    }

    @Test
    void refusesWhatIsNoModel() {
        assertThatThrownBy(() -> GraphSimplifier.simplify(new byte[] {(byte) 0xff, 0x01, 0x02}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not an ONNX model");
    }

    // --- helpers -----------------------------------------------------------------------------------

    /** Simplifies the model, checks what is left of its operators and that it answers as before. */
    private static GraphSimplifier.Result simplifiedInto(byte[] model, List<String> ops, long... inputShape)
            throws Exception {
        GraphSimplifier.Result result = GraphSimplifier.simplify(model);
        assertThat(ops(result.model())).containsExactlyElementsOf(ops);
        assertSameOutputs(model, result.model(), inputShape);
        return result;
    }

    private static void assertSameOutputs(byte[] before, byte[] after, long... inputShape)
            throws OrtException {
        int size = 1;
        for (long d : inputShape) {
            size *= (int) d;
        }
        float[] input = new float[size];
        Random random = new Random(7);
        for (int i = 0; i < size; i++) {
            input[i] = random.nextFloat() * 8 - 4; // both sides of hard-swish's knees at -3 and 3
        }
        float[] a = run(before, input, inputShape);
        float[] b = run(after, input, inputShape);
        assertThat(b).hasSameSizeAs(a);
        double scale = 0;
        double worst = 0;
        for (int i = 0; i < a.length; i++) {
            scale = Math.max(scale, Math.abs(a[i]));
            worst = Math.max(worst, Math.abs(a[i] - b[i]));
        }
        assertThat(scale).isGreaterThan(0);
        assertThat(worst).as("largest difference, outputs up to %s", scale).isLessThan(1e-4 * Math.max(1, scale));
    }

    private static float[] run(byte[] model, float[] input, long[] shape) throws OrtException {
        try (OrtSession.SessionOptions so = new OrtSession.SessionOptions()) {
            so.setIntraOpNumThreads(1);
            try (OrtSession s = ENV.createSession(model, so);
                 OnnxTensor t = OnnxTensor.createTensor(ENV, FloatBuffer.wrap(input), shape);
                 OrtSession.Result r = s.run(Map.of(s.getInputNames().iterator().next(), t))) {
                FloatBuffer out = ((OnnxTensor) r.get(0)).getFloatBuffer();
                float[] values = new float[out.remaining()];
                out.get(values);
                return values;
            }
        }
    }

    private static long count(List<String> ops, String op) {
        return ops.stream().filter(op::equals).count();
    }

    /** The op types of a model's nodes other than constants, in order. */
    private static List<String> ops(byte[] model) throws Exception {
        UnknownFieldSet m = UnknownFieldSet.parseFrom(model);
        UnknownFieldSet g = UnknownFieldSet.parseFrom(m.getField(7).getLengthDelimitedList().get(0));
        List<String> out = new ArrayList<>();
        for (ByteString b : g.getField(1).getLengthDelimitedList()) {
            String op = UnknownFieldSet.parseFrom(b).getField(4).getLengthDelimitedList().get(0).toStringUtf8();
            if (!op.equals("Constant")) {
                out.add(op);
            }
        }
        return out;
    }

    /** A tiny ONNX model (opset 12, one float input "x"), written field by field as onnx.proto numbers them. */
    private static final class Graph {
        private final List<ByteString> nodes = new ArrayList<>();
        private final long[] inputShape;
        private final Random random = new Random(3);
        private int count;

        Graph(long... inputShape) {
            this.inputShape = inputShape;
        }

        Graph constant(String name, float value) {
            return tensor(name, new long[0], new float[] {value});
        }

        Graph weights(String name, long... dims) {
            int n = 1;
            for (long d : dims) {
                n *= (int) d;
            }
            float[] v = new float[n];
            for (int i = 0; i < n; i++) {
                v[i] = random.nextFloat() - 0.5f;
            }
            return tensor(name, dims, v);
        }

        Graph bias(String name, int channels) {
            float[] v = new float[channels];
            for (int i = 0; i < channels; i++) {
                v[i] = random.nextFloat() - 0.5f;
            }
            return tensor(name, new long[] {channels}, v);
        }

        Graph tensor(String name, long[] dims, float[] values) {
            ByteBuffer raw = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
            raw.asFloatBuffer().put(values);
            UnknownFieldSet.Field.Builder d = UnknownFieldSet.Field.newBuilder();
            for (long dim : dims) {
                d.addVarint(dim);
            }
            UnknownFieldSet t = UnknownFieldSet.newBuilder().addField(1, d.build())
                    .addField(2, varint(1))
                    .addField(9, bytes(ByteString.copyFrom(raw.array()))).build();
            ByteString attr = UnknownFieldSet.newBuilder().addField(1, text("value"))
                    .addField(5, bytes(t.toByteString())).addField(20, varint(4)).build().toByteString();
            nodes.add(node("Constant", List.of(), name, List.of(attr)));
            return this;
        }

        void node(String op, List<String> inputs, String output) {
            nodes.add(node(op, inputs, output, List.of()));
        }

        void conv(String x, String w, String b, int pad, String output) {
            nodes.add(node("Conv", List.of(x, w, b), output,
                    List.of(ints("pads", pad, pad, pad, pad), ints("strides", 1, 1))));
        }

        void depthwise(String x, String w, String b, int groups, String output) {
            nodes.add(node("Conv", List.of(x, w, b), output, List.of(ints("pads", 1, 1, 1, 1),
                    UnknownFieldSet.newBuilder().addField(1, text("group")).addField(3, varint(groups))
                            .addField(20, varint(2)).build().toByteString())));
        }

        byte[] build(String output, long... outputShape) {
            UnknownFieldSet.Field.Builder list = UnknownFieldSet.Field.newBuilder();
            nodes.forEach(list::addLengthDelimited);
            UnknownFieldSet graph = UnknownFieldSet.newBuilder().addField(1, list.build())
                    .addField(2, text("g"))
                    .addField(11, bytes(valueInfo("x", inputShape)))
                    .addField(12, bytes(valueInfo(output, outputShape))).build();
            UnknownFieldSet opset = UnknownFieldSet.newBuilder().addField(1, text(""))
                    .addField(2, varint(12)).build();
            return UnknownFieldSet.newBuilder().addField(1, varint(8))
                    .addField(7, bytes(graph.toByteString()))
                    .addField(8, bytes(opset.toByteString())).build().toByteArray();
        }

        private ByteString node(String op, List<String> inputs, String output, List<ByteString> attrs) {
            UnknownFieldSet.Builder b = UnknownFieldSet.newBuilder();
            if (!inputs.isEmpty()) {
                b.addField(1, text(inputs.toArray(String[]::new)));
            }
            b.addField(2, text(output)).addField(3, text(op + "_" + count++)).addField(4, text(op));
            if (!attrs.isEmpty()) {
                UnknownFieldSet.Field.Builder f = UnknownFieldSet.Field.newBuilder();
                attrs.forEach(f::addLengthDelimited);
                b.addField(5, f.build());
            }
            return b.build().toByteString();
        }

        private static ByteString ints(String name, long... values) {
            UnknownFieldSet.Field.Builder f = UnknownFieldSet.Field.newBuilder();
            for (long v : values) {
                f.addVarint(v);
            }
            return UnknownFieldSet.newBuilder().addField(1, text(name)).addField(8, f.build())
                    .addField(20, varint(7)).build().toByteString();
        }

        private static ByteString valueInfo(String name, long[] shape) {
            UnknownFieldSet.Field.Builder dims = UnknownFieldSet.Field.newBuilder();
            for (long d : shape) {
                dims.addLengthDelimited(UnknownFieldSet.newBuilder().addField(1, varint(d)).build().toByteString());
            }
            UnknownFieldSet tensorShape = UnknownFieldSet.newBuilder().addField(1, dims.build()).build();
            UnknownFieldSet tensorType = UnknownFieldSet.newBuilder().addField(1, varint(1))
                    .addField(2, bytes(tensorShape.toByteString())).build();
            UnknownFieldSet type = UnknownFieldSet.newBuilder().addField(1, bytes(tensorType.toByteString())).build();
            return UnknownFieldSet.newBuilder().addField(1, text(name)).addField(2, bytes(type.toByteString()))
                    .build().toByteString();
        }

        private static UnknownFieldSet.Field text(String... values) {
            UnknownFieldSet.Field.Builder f = UnknownFieldSet.Field.newBuilder();
            for (String v : values) {
                f.addLengthDelimited(ByteString.copyFromUtf8(v));
            }
            return f.build();
        }

        private static UnknownFieldSet.Field bytes(ByteString value) {
            return UnknownFieldSet.Field.newBuilder().addLengthDelimited(value).build();
        }

        private static UnknownFieldSet.Field varint(long value) {
            return UnknownFieldSet.Field.newBuilder().addVarint(value).build();
        }
    }
}
