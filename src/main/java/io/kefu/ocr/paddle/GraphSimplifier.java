package io.kefu.ocr.paddle;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.UnknownFieldSet;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Rewrites a PP-OCRv4 model (detector or recogniser, both PP-LCNetV3 networks exported by
 * paddle2onnx) into an equivalent graph with far fewer element-wise passes, before onnxruntime
 * loads it. Between two convolutions the exported graph runs eight element-wise operators over the
 * whole feature map: the learnable affine block ({@code s·x + b}, two scalars), hard-swish spelled
 * as four operators ({@code x · clip(x + 3, 0, 6) / 6}), and a second affine block. onnxruntime
 * fuses none of them (its NCHWc layout also reorders around each run of them), and they took a
 * third of the recogniser's kernel time (docs/NLP.md, "OCR").
 *
 * <p>Three rewrites, each exact up to float rounding:
 * <ol>
 *   <li>hard-swish → {@code x · HardSigmoid(x)} (α = 1/6, β = 1/2; opset 6, so the model's opset
 *       stays), two passes instead of four;</li>
 *   <li>a convolution followed by {@code · s + b} (scalars) → the convolution with weights
 *       {@code s·W} and bias {@code s·B + b};</li>
 *   <li>{@code · s + b} followed by a convolution → weights {@code s·W}, and, when the convolution
 *       pads nothing, bias {@code B + b·ΣW}; a padded one pads with zeros where the original padded
 *       {@code s·x + b} with zeros, so there the addition stays, as {@code x + b/s}.</li>
 * </ol>
 * Every pattern is matched only when its intermediate results have no other use and its constants
 * are what the rewrite assumes (3, 0, 6 and 6 for hard-swish; one-element tensors for the affine
 * blocks); anything else is left as it is. The ONNX messages are edited as protobuf fields
 * ({@link UnknownFieldSet}, field numbers from {@code onnx.proto}), so no ONNX library is needed.
 */
final class GraphSimplifier {

    // onnx.proto field numbers
    private static final int MODEL_GRAPH = 7;
    private static final int GRAPH_NODE = 1;
    private static final int GRAPH_INITIALIZER = 5;
    private static final int GRAPH_OUTPUT = 12;
    private static final int NODE_INPUT = 1;
    private static final int NODE_OUTPUT = 2;
    private static final int NODE_NAME = 3;
    private static final int NODE_OP = 4;
    private static final int NODE_ATTRIBUTE = 5;
    private static final int NODE_DOMAIN = 7;
    private static final int ATTR_NAME = 1;
    private static final int ATTR_FLOAT = 2;
    private static final int ATTR_STRING = 4;
    private static final int ATTR_TENSOR = 5;
    private static final int ATTR_INTS = 8;
    private static final int ATTR_TYPE = 20;
    private static final int ATTR_TYPE_FLOAT = 1;
    private static final int ATTR_TYPE_TENSOR = 4;
    private static final int TENSOR_DIMS = 1;
    private static final int TENSOR_TYPE = 2;
    private static final int TENSOR_FLOATS = 4;
    private static final int TENSOR_NAME = 8;
    private static final int TENSOR_RAW = 9;
    private static final int TENSOR_TYPE_FLOAT = 1;
    private static final int VALUE_INFO_NAME = 1;

    /** What a rewrite did. */
    record Result(byte[] model, int hardSwishes, int affinesIntoConvBefore, int affinesIntoConvAfter,
            int scalesIntoPaddedConv, int constantsDropped) {

        boolean changed() {
            return hardSwishes + affinesIntoConvBefore + affinesIntoConvAfter + scalesIntoPaddedConv > 0;
        }

        @Override
        public String toString() {
            return hardSwishes + " hard-swish, " + affinesIntoConvBefore + " affine blocks into the "
                    + "convolution before them, " + affinesIntoConvAfter + " into the one after, "
                    + scalesIntoPaddedConv + " scales into a padded convolution after";
        }
    }

    /** A tensor constant: its shape and values (float only). */
    private record Tensor(long[] dims, float[] values) {

        boolean scalar() {
            return values.length == 1;
        }
    }

    private static final class Node {
        final UnknownFieldSet original;
        String op;
        String name;
        List<String> inputs;
        List<String> outputs;
        List<ByteString> attributes;
        boolean edited;
        boolean removed;

        Node(UnknownFieldSet original) {
            this.original = original;
            this.op = string(original, NODE_OP);
            this.name = original.hasField(NODE_NAME) ? string(original, NODE_NAME) : "";
            this.inputs = strings(original, NODE_INPUT);
            this.outputs = strings(original, NODE_OUTPUT);
            this.attributes = new ArrayList<>(original.getField(NODE_ATTRIBUTE).getLengthDelimitedList());
        }

        Node(String op, String name, List<String> inputs, List<String> outputs, List<ByteString> attributes) {
            this.original = null;
            this.op = op;
            this.name = name;
            this.inputs = new ArrayList<>(inputs);
            this.outputs = new ArrayList<>(outputs);
            this.attributes = new ArrayList<>(attributes);
            this.edited = true;
        }

        boolean defaultDomain() {
            return original == null || !original.hasField(NODE_DOMAIN)
                    || string(original, NODE_DOMAIN).isEmpty();
        }

        ByteString bytes() {
            if (!edited) {
                return original.toByteString();
            }
            UnknownFieldSet.Builder b = original == null ? UnknownFieldSet.newBuilder()
                    : UnknownFieldSet.newBuilder(original);
            b.clearField(NODE_INPUT).clearField(NODE_OUTPUT).clearField(NODE_NAME)
                    .clearField(NODE_OP).clearField(NODE_ATTRIBUTE);
            b.addField(NODE_INPUT, strs(inputs));
            b.addField(NODE_OUTPUT, strs(outputs));
            b.addField(NODE_NAME, strs(List.of(name)));
            b.addField(NODE_OP, strs(List.of(op)));
            if (!attributes.isEmpty()) {
                UnknownFieldSet.Field.Builder f = UnknownFieldSet.Field.newBuilder();
                attributes.forEach(f::addLengthDelimited);
                b.addField(NODE_ATTRIBUTE, f.build());
            }
            return b.build().toByteString();
        }
    }

    private final UnknownFieldSet model;
    private final UnknownFieldSet graph;
    private final List<Node> nodes = new ArrayList<>();
    /** Constant values by output name (Constant nodes and initializers). */
    private final Map<String, Tensor> constants = new HashMap<>();
    private final Map<String, Node> producers = new HashMap<>();
    private final Map<String, Integer> uses = new HashMap<>();
    private final Set<String> graphOutputs = new HashSet<>();
    /** New nodes to insert before a node (new weights go right before their convolution). */
    private final Map<Node, List<Node>> before = new HashMap<>();
    private int fresh;

    private GraphSimplifier(byte[] bytes) throws InvalidProtocolBufferException {
        this.model = UnknownFieldSet.parseFrom(bytes);
        List<ByteString> g = model.getField(MODEL_GRAPH).getLengthDelimitedList();
        if (g.size() != 1) {
            throw new InvalidProtocolBufferException("not an ONNX model (no graph)");
        }
        this.graph = UnknownFieldSet.parseFrom(g.get(0));
        for (ByteString b : graph.getField(GRAPH_NODE).getLengthDelimitedList()) {
            nodes.add(new Node(UnknownFieldSet.parseFrom(b)));
        }
        for (ByteString b : graph.getField(GRAPH_INITIALIZER).getLengthDelimitedList()) {
            UnknownFieldSet t = UnknownFieldSet.parseFrom(b);
            Tensor value = tensor(t);
            if (value != null && t.hasField(TENSOR_NAME)) {
                constants.put(string(t, TENSOR_NAME), value);
            }
        }
        for (ByteString b : graph.getField(GRAPH_OUTPUT).getLengthDelimitedList()) {
            graphOutputs.add(string(UnknownFieldSet.parseFrom(b), VALUE_INFO_NAME));
        }
        for (Node n : nodes) {
            for (String out : n.outputs) {
                producers.put(out, n);
            }
            if (n.op.equals("Constant") && n.defaultDomain() && n.outputs.size() == 1) {
                for (ByteString a : n.attributes) {
                    UnknownFieldSet attr = UnknownFieldSet.parseFrom(a);
                    if (string(attr, ATTR_NAME).equals("value") && attr.hasField(ATTR_TENSOR)) {
                        Tensor value = tensor(UnknownFieldSet.parseFrom(
                                attr.getField(ATTR_TENSOR).getLengthDelimitedList().get(0)));
                        if (value != null) {
                            constants.put(n.outputs.get(0), value);
                        }
                    }
                }
            }
        }
        recount();
    }

    /**
     * The rewritten model, or the same bytes (and zero counts) when nothing matched.
     *
     * @throws IllegalArgumentException if the bytes are not an ONNX model
     */
    static Result simplify(byte[] onnx) {
        try {
            GraphSimplifier s = new GraphSimplifier(onnx);
            int hardSwishes = s.hardSwishes();
            s.recount();
            int before = s.affinesAfterConv();
            s.recount();
            int[] after = s.affinesBeforeConv();
            s.recount();
            Result counts = new Result(onnx, hardSwishes, before, after[0], after[1], 0);
            if (!counts.changed()) {
                return counts;
            }
            int dropped = s.dropUnusedConstants();
            return new Result(s.bytes(), hardSwishes, before, after[0], after[1], dropped);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalArgumentException("not an ONNX model: " + e.getMessage(), e);
        }
    }

    // --- rewrite 1: x · clip(x + 3, 0, 6) / 6 → x · HardSigmoid(x) -------------------------------

    private int hardSwishes() {
        int count = 0;
        for (Node div : List.copyOf(nodes)) {
            if (!is(div, "Div", 2) || !constantIs(div.inputs.get(1), 6f)) {
                continue;
            }
            Node mul = soleProducer(div.inputs.get(0), "Mul", 2);
            if (mul == null) {
                continue;
            }
            for (int side = 0; side < 2; side++) {
                String x = mul.inputs.get(side);
                Node clip = soleProducer(mul.inputs.get(1 - side), "Clip", 3);
                if (clip == null || !constantIs(clip.inputs.get(1), 0f)
                        || !constantIs(clip.inputs.get(2), 6f)) {
                    continue;
                }
                Node add = soleProducer(clip.inputs.get(0), "Add", 2);
                if (add == null || !add.inputs.contains(x)
                        || !constantIs(other(add, x), 3f)) {
                    continue;
                }
                String gate = name(div.name + ".hardsigmoid");
                clip.op = "HardSigmoid";
                clip.inputs = new ArrayList<>(List.of(x));
                clip.outputs = new ArrayList<>(List.of(gate));
                clip.attributes = new ArrayList<>(List.of(floatAttribute("alpha", 1f / 6),
                        floatAttribute("beta", 0.5f)));
                clip.edited = true;
                div.op = "Mul";
                div.inputs = new ArrayList<>(List.of(x, gate));
                div.attributes = new ArrayList<>();
                div.edited = true;
                remove(add);
                remove(mul);
                count++;
                break;
            }
        }
        return count;
    }

    // --- rewrite 2: Conv(x, W, B) · s + b → Conv(x, s·W, s·B + b) --------------------------------

    private int affinesAfterConv() {
        int count = 0;
        for (Node conv : List.copyOf(nodes)) {
            if (conv.removed || !conv.op.equals("Conv") || !conv.defaultDomain()
                    || conv.outputs.size() != 1) {
                continue;
            }
            Tensor w = constants.get(conv.inputs.get(1));
            Tensor bias = conv.inputs.size() > 2 ? constants.get(conv.inputs.get(2)) : null;
            if (w == null || w.dims().length != 4 || (conv.inputs.size() > 2 && bias == null)) {
                continue;
            }
            Node mul = soleUser(conv.outputs.get(0), "Mul");
            Float s = mul == null ? null : scalarOther(mul, conv.outputs.get(0));
            Node add = mul == null ? null : soleUser(mul.outputs.get(0), "Add");
            Float b = add == null ? null : scalarOther(add, mul.outputs.get(0));
            if (s == null || b == null) {
                continue;
            }
            int outChannels = (int) w.dims()[0];
            if (bias != null && bias.values().length != outChannels) {
                continue;
            }
            float[] nw = new float[w.values().length];
            for (int i = 0; i < nw.length; i++) {
                nw[i] = w.values()[i] * s;
            }
            float[] nb = new float[outChannels];
            for (int o = 0; o < outChannels; o++) {
                nb[o] = (bias != null ? bias.values()[o] : 0f) * s + b;
            }
            setWeights(conv, w.dims(), nw, nb);
            conv.outputs = new ArrayList<>(List.of(add.outputs.get(0)));
            producers.put(add.outputs.get(0), conv);
            remove(mul);
            remove(add);
            count++;
        }
        return count;
    }

    // --- rewrite 3: Conv(x · s + b, W, B) → Conv(x, s·W, B + b·ΣW), or Conv(x + b/s, s·W, B) ---------

    private int[] affinesBeforeConv() {
        int unpadded = 0;
        int padded = 0;
        for (Node conv : List.copyOf(nodes)) {
            if (conv.removed || !conv.op.equals("Conv") || !conv.defaultDomain()) {
                continue;
            }
            Tensor w = constants.get(conv.inputs.get(1));
            Tensor bias = conv.inputs.size() > 2 ? constants.get(conv.inputs.get(2)) : null;
            if (w == null || w.dims().length != 4 || (conv.inputs.size() > 2 && bias == null)) {
                continue;
            }
            Node add = soleProducer(conv.inputs.get(0), "Add", 2);
            if (add == null) {
                continue;
            }
            Node mul = null;
            Float b = null;
            for (String in : add.inputs) {
                Node m = soleProducer(in, "Mul", 2);
                if (m != null && m != add) {
                    Float c = scalarOther(add, in);
                    if (c != null) {
                        mul = m;
                        b = c;
                        break;
                    }
                }
            }
            if (mul == null) {
                continue;
            }
            String x = null;
            Float s = null;
            for (String in : mul.inputs) {
                Float c = scalarOther(mul, in);
                if (c != null && !constants.containsKey(in)) {
                    x = in;
                    s = c;
                    break;
                }
            }
            if (x == null || s == 0f || !Float.isFinite(s)) {
                continue;
            }
            int outChannels = (int) w.dims()[0];
            if (bias != null && bias.values().length != outChannels) {
                continue;
            }
            int perChannel = w.values().length / outChannels;
            float[] nw = new float[w.values().length];
            float[] nb = new float[outChannels];
            boolean pads = pads(conv);
            for (int o = 0; o < outChannels; o++) {
                double sum = 0;
                for (int i = o * perChannel; i < (o + 1) * perChannel; i++) {
                    nw[i] = w.values()[i] * s;
                    sum += w.values()[i];
                }
                nb[o] = (bias != null ? bias.values()[o] : 0f) + (pads ? 0f : (float) (b * sum));
            }
            setWeights(conv, w.dims(), nw, nb);
            if (pads) {
                // s·x + b = s·(x + b/s): the addition stays (the padding is of its result), the
                // scale moves into the weights.
                String shift = name(add.name + ".shift");
                Node c = constantNode(shift, new long[0], new float[] {b / s});
                before.computeIfAbsent(add, k -> new ArrayList<>()).add(c);
                add.inputs = new ArrayList<>(List.of(x, shift));
                add.edited = true;
                remove(mul);
                padded++;
            } else {
                conv.inputs.set(0, x);
                conv.edited = true;
                remove(mul);
                remove(add);
                unpadded++;
            }
        }
        return new int[] {unpadded, padded};
    }

    private boolean pads(Node conv) {
        for (ByteString a : conv.attributes) {
            try {
                UnknownFieldSet attr = UnknownFieldSet.parseFrom(a);
                String n = string(attr, ATTR_NAME);
                if (n.equals("pads")) {
                    for (long p : ints(attr, ATTR_INTS)) {
                        if (p != 0) {
                            return true;
                        }
                    }
                } else if (n.equals("auto_pad") && attr.hasField(ATTR_STRING)) {
                    String mode = string(attr, ATTR_STRING);
                    if (!mode.equals("NOTSET") && !mode.equals("VALID")) {
                        return true;
                    }
                }
            } catch (InvalidProtocolBufferException e) {
                return true;
            }
        }
        return false;
    }

    private void setWeights(Node conv, long[] dims, float[] weights, float[] bias) {
        String wName = name(conv.name + ".w");
        String bName = name(conv.name + ".b");
        List<Node> list = before.computeIfAbsent(conv, k -> new ArrayList<>());
        list.add(constantNode(wName, dims, weights));
        list.add(constantNode(bName, new long[] {bias.length}, bias));
        conv.inputs = new ArrayList<>(List.of(conv.inputs.get(0), wName, bName));
        conv.edited = true;
        constants.put(wName, new Tensor(dims, weights));
        constants.put(bName, new Tensor(new long[] {bias.length}, bias));
    }

    // --- graph helpers --------------------------------------------------------------------------

    private static boolean is(Node n, String op, int inputs) {
        return !n.removed && n.op.equals(op) && n.defaultDomain() && n.inputs.size() == inputs
                && n.outputs.size() == 1;
    }

    /** The node of that type producing {@code value}, if {@code value} has no other use. */
    private Node soleProducer(String value, String op, int inputs) {
        Node p = producers.get(value);
        if (p == null || !is(p, op, inputs) || uses.getOrDefault(value, 0) != 1
                || graphOutputs.contains(value)) {
            return null;
        }
        return p;
    }

    /** The only node using {@code value}, if it has that type and {@code value} is no graph output. */
    private Node soleUser(String value, String op) {
        if (uses.getOrDefault(value, 0) != 1 || graphOutputs.contains(value)) {
            return null;
        }
        for (Node n : nodes) {
            if (!n.removed && n.inputs.contains(value)) {
                return is(n, op, 2) ? n : null;
            }
        }
        return null;
    }

    private static String other(Node binary, String value) {
        return binary.inputs.get(0).equals(value) ? binary.inputs.get(1) : binary.inputs.get(0);
    }

    /** The one-element constant on the other side of a binary node from {@code value}. */
    private Float scalarOther(Node binary, String value) {
        if (binary.inputs.size() != 2 || !binary.inputs.contains(value)
                || binary.inputs.get(0).equals(binary.inputs.get(1))) {
            return null;
        }
        Tensor t = constants.get(other(binary, value));
        return t != null && t.scalar() ? t.values()[0] : null;
    }

    private boolean constantIs(String value, float expected) {
        Tensor t = constants.get(value);
        return t != null && t.scalar() && t.values()[0] == expected;
    }

    private void remove(Node n) {
        n.removed = true;
        for (String in : n.inputs) {
            uses.merge(in, -1, Integer::sum);
        }
    }

    private String name(String base) {
        return "kefu." + base + "." + (fresh++);
    }

    /** Counts every value's uses by the nodes that stay (new ones included). */
    private void recount() {
        uses.clear();
        for (Node n : allNodes()) {
            if (!n.removed) {
                for (String in : n.inputs) {
                    uses.merge(in, 1, Integer::sum);
                }
            }
        }
    }

    private List<Node> allNodes() {
        List<Node> all = new ArrayList<>(nodes);
        before.values().forEach(all::addAll);
        return all;
    }

    /** Drops the constants nothing reads any more (onnxruntime would warn about each). */
    private int dropUnusedConstants() {
        int dropped = 0;
        for (Node n : allNodes()) {
            if (!n.removed && n.op.equals("Constant") && n.outputs.size() == 1
                    && uses.getOrDefault(n.outputs.get(0), 0) <= 0
                    && !graphOutputs.contains(n.outputs.get(0))) {
                n.removed = true;
                dropped++;
            }
        }
        return dropped;
    }

    private byte[] bytes() {
        UnknownFieldSet.Field.Builder list = UnknownFieldSet.Field.newBuilder();
        for (Node n : nodes) {
            for (Node c : before.getOrDefault(n, List.of())) {
                if (!c.removed) {
                    list.addLengthDelimited(c.bytes());
                }
            }
            if (!n.removed) {
                list.addLengthDelimited(n.bytes());
            }
        }
        UnknownFieldSet g = UnknownFieldSet.newBuilder(graph).clearField(GRAPH_NODE)
                .addField(GRAPH_NODE, list.build()).build();
        return UnknownFieldSet.newBuilder(model).clearField(MODEL_GRAPH)
                .addField(MODEL_GRAPH, UnknownFieldSet.Field.newBuilder()
                        .addLengthDelimited(g.toByteString()).build())
                .build().toByteArray();
    }

    // --- protobuf helpers -----------------------------------------------------------------------

    private static Node constantNode(String output, long[] dims, float[] values) {
        ByteBuffer raw = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        raw.asFloatBuffer().put(values);
        UnknownFieldSet.Field.Builder d = UnknownFieldSet.Field.newBuilder();
        for (long dim : dims) {
            d.addVarint(dim);
        }
        UnknownFieldSet tensor = UnknownFieldSet.newBuilder()
                .addField(TENSOR_DIMS, d.build())
                .addField(TENSOR_TYPE, UnknownFieldSet.Field.newBuilder().addVarint(TENSOR_TYPE_FLOAT).build())
                .addField(TENSOR_RAW, UnknownFieldSet.Field.newBuilder()
                        .addLengthDelimited(ByteString.copyFrom(raw.array())).build())
                .build();
        ByteString attr = UnknownFieldSet.newBuilder()
                .addField(ATTR_NAME, strs(List.of("value")))
                .addField(ATTR_TENSOR, UnknownFieldSet.Field.newBuilder()
                        .addLengthDelimited(tensor.toByteString()).build())
                .addField(ATTR_TYPE, UnknownFieldSet.Field.newBuilder().addVarint(ATTR_TYPE_TENSOR).build())
                .build().toByteString();
        return new Node("Constant", output, List.of(), List.of(output), List.of(attr));
    }

    private static ByteString floatAttribute(String name, float value) {
        return UnknownFieldSet.newBuilder()
                .addField(ATTR_NAME, strs(List.of(name)))
                .addField(ATTR_FLOAT, UnknownFieldSet.Field.newBuilder()
                        .addFixed32(Float.floatToRawIntBits(value)).build())
                .addField(ATTR_TYPE, UnknownFieldSet.Field.newBuilder().addVarint(ATTR_TYPE_FLOAT).build())
                .build().toByteString();
    }

    /** A float tensor's shape and values, or null for any other element type or an external one. */
    private static Tensor tensor(UnknownFieldSet t) throws InvalidProtocolBufferException {
        List<Long> type = t.getField(TENSOR_TYPE).getVarintList();
        if (type.size() != 1 || type.get(0) != TENSOR_TYPE_FLOAT) {
            return null;
        }
        List<Long> dimList = ints(t, TENSOR_DIMS);
        long[] dims = dimList.stream().mapToLong(Long::longValue).toArray();
        long count = 1;
        for (long d : dims) {
            count *= d;
        }
        float[] values;
        if (t.hasField(TENSOR_RAW)) {
            ByteString raw = t.getField(TENSOR_RAW).getLengthDelimitedList().get(0);
            ByteBuffer buffer = raw.asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
            values = new float[raw.size() / 4];
            buffer.asFloatBuffer().get(values);
        } else {
            List<Float> list = new ArrayList<>();
            for (Integer bits : t.getField(TENSOR_FLOATS).getFixed32List()) {
                list.add(Float.intBitsToFloat(bits));
            }
            for (ByteString packed : t.getField(TENSOR_FLOATS).getLengthDelimitedList()) {
                ByteBuffer buffer = packed.asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
                while (buffer.remaining() >= 4) {
                    list.add(buffer.getFloat());
                }
            }
            values = new float[list.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = list.get(i);
            }
        }
        return values.length == count ? new Tensor(dims, values) : null;
    }

    /** A repeated int64 field, packed or not. */
    private static List<Long> ints(UnknownFieldSet message, int field) throws InvalidProtocolBufferException {
        List<Long> out = new ArrayList<>(message.getField(field).getVarintList());
        for (ByteString packed : message.getField(field).getLengthDelimitedList()) {
            CodedInputStream in = packed.newCodedInput();
            try {
                while (!in.isAtEnd()) {
                    out.add(in.readInt64());
                }
            } catch (InvalidProtocolBufferException e) {
                throw e;
            } catch (IOException e) {
                throw new InvalidProtocolBufferException(e.getMessage());
            }
        }
        return out;
    }

    private static String string(UnknownFieldSet message, int field) {
        List<ByteString> values = message.getField(field).getLengthDelimitedList();
        return values.isEmpty() ? "" : values.get(0).toStringUtf8();
    }

    private static List<String> strings(UnknownFieldSet message, int field) {
        List<String> out = new ArrayList<>();
        for (ByteString b : message.getField(field).getLengthDelimitedList()) {
            out.add(b.toStringUtf8());
        }
        return out;
    }

    private static UnknownFieldSet.Field strs(List<String> values) {
        UnknownFieldSet.Field.Builder f = UnknownFieldSet.Field.newBuilder();
        for (String v : values) {
            f.addLengthDelimited(ByteString.copyFromUtf8(v));
        }
        return f.build();
    }
}
