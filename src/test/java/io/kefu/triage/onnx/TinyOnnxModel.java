package io.kefu.triage.onnx;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Writes the protobuf bytes of tiny ONNX models by hand — a one-layer classifier,
 * {@code Sigmoid(features · W + b)}, and a token-id "encoder" that looks token vectors up in an
 * embedding table — (wire format of onnx.proto: ModelProto, GraphProto, NodeProto, TensorProto,
 * ValueInfoProto), so the test owns its model and nothing is downloaded. Opset 13, IR 8.
 */
final class TinyOnnxModel {

    private TinyOnnxModel() {
    }

    /**
     * @param weights row-major [D][L]
     * @param bias    [L]
     * @param softmax {@code true} for a Softmax head instead of Sigmoid
     */
    static byte[] linear(float[][] weights, float[] bias, boolean softmax) {
        int d = weights.length;
        int l = bias.length;
        float[] flat = new float[d * l];
        for (int i = 0; i < d; i++) {
            System.arraycopy(weights[i], 0, flat, i * l, l);
        }
        Proto graph = new Proto()
                .message(1, node("MatMul", "matmul", new String[] {"features", "W"}, "scores"))
                .message(1, node("Add", "add", new String[] {"scores", "b"}, "logits"))
                .message(1, node(softmax ? "Softmax" : "Sigmoid", "head",
                        new String[] {"logits"}, "probabilities"))
                .string(2, "tiny_intents")
                .message(5, tensor("W", new long[] {d, l}, flat))
                .message(5, tensor("b", new long[] {l}, bias))
                .message(11, valueInfo("features", 1, d))
                .message(12, valueInfo("probabilities", 1, l));
        return new Proto()
                .varint(1, 8)
                .string(2, "kefu-test")
                .message(7, graph)
                .message(8, new Proto().string(1, "").varint(2, 13))
                .bytes();
    }

    /**
     * A token-id encoder: {@code Gather(E, input_ids)}, the token vectors, multiplied by the
     * attention mask; output {@code last_hidden_state [1, T, H]}, or with {@code pooled} their
     * mean {@code sentence_embedding [1, H]} (ReduceMean over the tokens). Inputs int64
     * {@code input_ids} and {@code attention_mask} {@code [1, T]}, plus an unused
     * {@code token_type_ids} when {@code typeIds}.
     *
     * @param embedding row-major [V][H]: the vector of token id v
     */
    static byte[] tokenEncoder(float[][] embedding, boolean pooled, boolean typeIds) {
        return tokenEncoder(embedding, pooled, typeIds, "1");
    }

    /**
     * The same encoder with a batch dimension of its own: {@code "1"}, or a symbolic name such
     * as {@code "B"} for inputs {@code [B, T]} and outputs {@code [B, T, H]} / {@code [B, H]}.
     */
    static byte[] tokenEncoder(float[][] embedding, boolean pooled, boolean typeIds,
            String batch) {
        int v = embedding.length;
        int h = embedding[0].length;
        float[] flat = new float[v * h];
        for (int i = 0; i < v; i++) {
            System.arraycopy(embedding[i], 0, flat, i * h, h);
        }
        Proto graph = new Proto()
                .message(1, node("Gather", "lookup", new String[] {"E", "input_ids"}, "tokens"))
                .message(1, node("Cast", "mask_float", new String[] {"attention_mask"}, "maskf")
                        .message(5, intAttribute("to", 1)))
                .message(1, node("Unsqueeze", "mask_column", new String[] {"maskf", "last"},
                        "mask3"))
                .message(1, node("Mul", "masked", new String[] {"tokens", "mask3"},
                        pooled ? "hidden" : "last_hidden_state"));
        if (pooled) {
            graph.message(1, node("ReduceMean", "mean", new String[] {"hidden"},
                    "sentence_embedding").message(5, intsAttribute("axes", 1))
                    .message(5, intAttribute("keepdims", 0)));
        }
        graph.string(2, "tiny_encoder")
                .message(5, tensor("E", new long[] {v, h}, flat))
                .message(5, longTensor("last", new long[] {1}, new long[] {-1}))
                .message(11, valueInfo("input_ids", 7, batch, "T"))
                .message(11, valueInfo("attention_mask", 7, batch, "T"));
        if (typeIds) {
            graph.message(11, valueInfo("token_type_ids", 7, batch, "T"));
        }
        graph.message(12, pooled ? valueInfo("sentence_embedding", 1, batch, String.valueOf(h))
                : valueInfo("last_hidden_state", 1, batch, "T", String.valueOf(h)));
        return new Proto()
                .varint(1, 8)
                .string(2, "kefu-test")
                .message(7, graph)
                .message(8, new Proto().string(1, "").varint(2, 13))
                .bytes();
    }

    /** AttributeProto of type INT (2). */
    private static Proto intAttribute(String name, long value) {
        return new Proto().string(1, name).varint(3, value).varint(20, 2);
    }

    /** AttributeProto of type INTS (7). */
    private static Proto intsAttribute(String name, long... values) {
        Proto a = new Proto().string(1, name);
        for (long value : values) {
            a.varint(8, value);
        }
        return a.varint(20, 7);
    }

    private static Proto longTensor(String name, long[] dims, long[] values) {
        Proto t = new Proto();
        for (long dim : dims) {
            t.varint(1, dim);
        }
        ByteBuffer raw = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        raw.asLongBuffer().put(values);
        return t.varint(2, 7).string(8, name).raw(9, raw.array());
    }

    /**
     * A tensor's name, element type (1 float, 7 int64) and shape; a dimension that is not a
     * number is symbolic (dim_param).
     */
    private static Proto valueInfo(String name, int elementType, String... dims) {
        Proto shape = new Proto();
        for (String dim : dims) {
            shape.message(1, dim.chars().allMatch(Character::isDigit)
                    ? new Proto().varint(1, Long.parseLong(dim))
                    : new Proto().string(2, dim));
        }
        Proto tensorType = new Proto().varint(1, elementType).message(2, shape);
        return new Proto().string(1, name).message(2, new Proto().message(1, tensorType));
    }

    private static Proto node(String op, String name, String[] inputs, String output) {
        Proto node = new Proto();
        for (String input : inputs) {
            node.string(1, input);
        }
        return node.string(2, output).string(3, name).string(4, op);
    }

    private static Proto tensor(String name, long[] dims, float[] values) {
        Proto t = new Proto();
        for (long dim : dims) {
            t.varint(1, dim);
        }
        ByteBuffer raw = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        raw.asFloatBuffer().put(values);
        return t.varint(2, 1).string(8, name).raw(9, raw.array());
    }

    private static Proto valueInfo(String name, long... dims) {
        Proto shape = new Proto();
        for (long dim : dims) {
            shape.message(1, new Proto().varint(1, dim));
        }
        Proto tensorType = new Proto().varint(1, 1).message(2, shape);
        return new Proto().string(1, name).message(2, new Proto().message(1, tensorType));
    }

    /** Minimal protobuf writer: varint and length-delimited fields. */
    private static final class Proto {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Proto varint(int field, long value) {
            writeVarint((long) field << 3);
            writeVarint(value);
            return this;
        }

        Proto string(int field, String value) {
            return raw(field, value.getBytes(StandardCharsets.UTF_8));
        }

        Proto message(int field, Proto value) {
            return raw(field, value.bytes());
        }

        Proto raw(int field, byte[] value) {
            writeVarint(((long) field << 3) | 2);
            writeVarint(value.length);
            out.writeBytes(value);
            return this;
        }

        byte[] bytes() {
            return out.toByteArray();
        }

        private void writeVarint(long value) {
            long v = value;
            while ((v & ~0x7FL) != 0) {
                out.write((int) ((v & 0x7F) | 0x80));
                v >>>= 7;
            }
            out.write((int) v);
        }
    }
}
