package io.kefu.triage.onnx;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Writes the protobuf bytes of a one-layer ONNX model, {@code Sigmoid(features · W + b)}, by
 * hand (wire format of onnx.proto: ModelProto, GraphProto, NodeProto, TensorProto,
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
