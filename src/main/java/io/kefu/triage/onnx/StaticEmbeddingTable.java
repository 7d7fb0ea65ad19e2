package io.kefu.triage.onnx;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * A static token-embedding table distilled from a sentence encoder: one row per token id of the
 * encoder's tokenizer and one weight per token. It is derived data, kept in a file beside the
 * encoder so that distillation runs once; the file names the encoder and tokenizer it was
 * distilled from (their sha-256) and the recipe, and its own sha-256 identifies it to the
 * classifiers trained with it.
 *
 * <p>File layout (big-endian): magic {@code KEFU-STATIC}, format 1, encoder fingerprint,
 * tokenizer fingerprint, recipe (UTF strings), vocabulary size V, width D, V float32 weights,
 * V × D float32 rows.
 *
 * @param encoderFingerprint   {@code sha256:<hex>} of the ONNX encoder
 * @param tokenizerFingerprint {@code sha256:<hex>} of its tokenizer.json
 * @param recipe               how the rows were made, e.g. {@code mean3-pca256-zipf}
 * @param dimension            D
 * @param weights              [V] token weights (0 for tokens a text's vector ignores)
 * @param rows                 [V × D] row-major token vectors
 */
public record StaticEmbeddingTable(String encoderFingerprint, String tokenizerFingerprint,
        String recipe, int dimension, float[] weights, float[] rows) {

    private static final String MAGIC = "KEFU-STATIC";
    private static final int FORMAT = 1;

    public StaticEmbeddingTable {
        if (dimension <= 0 || rows.length != (long) weights.length * dimension) {
            throw new IllegalArgumentException("a table of " + weights.length + " tokens and "
                    + dimension + " dims needs " + (long) weights.length * dimension
                    + " values, not " + rows.length);
        }
    }

    /** Number of token ids the table covers. */
    public int vocabularySize() {
        return weights.length;
    }

    /** Writes the table (through a temporary file, so a reader never sees half a table). */
    public void write(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path tmp = Files.createTempFile(parent, file.getFileName().toString(), ".tmp");
        try {
            ByteArrayOutputStream header = new ByteArrayOutputStream();
            try (DataOutputStream out = new DataOutputStream(header)) {
                out.writeUTF(MAGIC);
                out.writeInt(FORMAT);
                out.writeUTF(encoderFingerprint);
                out.writeUTF(tokenizerFingerprint);
                out.writeUTF(recipe);
                out.writeInt(weights.length);
                out.writeInt(dimension);
            }
            ByteBuffer body = ByteBuffer.allocate(4 * (weights.length + rows.length))
                    .order(ByteOrder.BIG_ENDIAN);
            body.asFloatBuffer().put(weights).put(rows);
            try (var out = Files.newOutputStream(tmp)) {
                out.write(header.toByteArray());
                out.write(body.array());
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Only the header: which encoder, tokenizer and recipe a table file was made from. */
    public record Header(String encoderFingerprint, String tokenizerFingerprint, String recipe) {
    }

    /** Reads a table file's header without its rows. */
    public static Header header(Path file) throws IOException {
        try (DataInputStream in = new DataInputStream(Files.newInputStream(file))) {
            return readHeader(in, file);
        }
    }

    /** Reads a table written by {@link #write(Path)}. */
    public static StaticEmbeddingTable read(Path file) throws IOException {
        try (DataInputStream in = new DataInputStream(
                new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
            Header h = readHeader(in, file);
            int v = in.readInt();
            int d = in.readInt();
            if (v <= 0 || d <= 0 || (long) v * (d + 1) * 4 > Integer.MAX_VALUE) {
                throw new IOException(file + ": bad table size " + v + " × " + d);
            }
            byte[] body = in.readNBytes(4 * v * (d + 1));
            if (body.length != 4 * v * (d + 1) || in.read() != -1) {
                throw new IOException(file + ": truncated or overlong table");
            }
            var floats = ByteBuffer.wrap(body).order(ByteOrder.BIG_ENDIAN).asFloatBuffer();
            float[] weights = new float[v];
            float[] rows = new float[v * d];
            floats.get(weights).get(rows);
            return new StaticEmbeddingTable(h.encoderFingerprint(), h.tokenizerFingerprint(),
                    h.recipe(), d, weights, rows);
        }
    }

    private static Header readHeader(DataInputStream in, Path file) throws IOException {
        if (!MAGIC.equals(in.readUTF()) || in.readInt() != FORMAT) {
            throw new IOException(file + " is not a static embedding table of format " + FORMAT);
        }
        return new Header(in.readUTF(), in.readUTF(), in.readUTF());
    }

}
