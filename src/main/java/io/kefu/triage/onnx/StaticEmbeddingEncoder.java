package io.kefu.triage.onnx;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import io.kefu.triage.text.TextEncoder;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.DoubleConsumer;

/**
 * A sentence encoder's static distillation (see {@link StaticEmbeddingDistiller}): the text is
 * tokenised with the encoder's own tokenizer.json, without special tokens, and its vector is the
 * weighted mean of its tokens' rows in the {@link StaticEmbeddingTable}, L2-normalised. No
 * neural network runs at inference, so a message costs microseconds; the price is that a token
 * means the same thing in every context.
 *
 * <p>{@link #fingerprint()} is the table file's sha-256: a classifier trained with one table is
 * refused next to another. Thread-safe; close it to free the native tokenizer.
 */
public final class StaticEmbeddingEncoder implements TextEncoder, AutoCloseable {

    private final HuggingFaceTokenizer tokenizer;
    private final StaticEmbeddingTable table;
    private final String fingerprint;
    private final String name;

    private StaticEmbeddingEncoder(HuggingFaceTokenizer tokenizer, StaticEmbeddingTable table,
            String fingerprint, String name) {
        this.tokenizer = tokenizer;
        this.table = table;
        this.fingerprint = fingerprint;
        this.name = name;
    }

    /**
     * Where the table comes from.
     *
     * @param distil   the encoder to distil and how
     * @param tableDir folder of the table files (e.g. the encoder's folder)
     * @param maxTokens texts are truncated to this many tokens
     */
    public record Options(StaticEmbeddingDistiller.Options distil, Path tableDir,
            int maxTokens) {

        public Options {
            if (maxTokens < 1) {
                throw new IllegalArgumentException("max tokens must be at least 1");
            }
        }
    }

    /**
     * The encoder with its table: the cached file when it was distilled from this encoder and
     * tokenizer with this recipe, else a fresh distillation, written beside for the next time
     * (a file that names another encoder or tokenizer is refused and replaced).
     *
     * @param distilled told the seconds spent distilling, 0 when the cached table served
     */
    public static StaticEmbeddingEncoder obtain(Options options, Consumer<String> progress,
            DoubleConsumer distilled) throws IOException {
        StaticEmbeddingDistiller.Options d = options.distil();
        String encoderSha = OnnxSentenceEncoder.sha256(d.modelPath());
        String tokenizerSha = OnnxSentenceEncoder.sha256(d.tokenizerPath());
        Path file = tableFile(options.tableDir(), encoderSha, d.recipe());
        if (Files.isRegularFile(file)) {
            StaticEmbeddingTable.Header h = StaticEmbeddingTable.header(file);
            if (h.encoderFingerprint().equals(encoderSha)
                    && h.tokenizerFingerprint().equals(tokenizerSha)
                    && h.recipe().equals(d.recipe())) {
                distilled.accept(0);
                return load(file, d.tokenizerPath(), encoderSha, options.maxTokens());
            }
            progress.accept("static table " + file + " was distilled from encoder "
                    + h.encoderFingerprint() + ", tokenizer " + h.tokenizerFingerprint() + ", "
                    + h.recipe() + "; refused, distilling again");
        }
        long started = System.nanoTime();
        StaticEmbeddingDistiller.distil(d, progress).write(file);
        distilled.accept((System.nanoTime() - started) / 1e9);
        return load(file, d.tokenizerPath(), encoderSha, options.maxTokens());
    }

    /** {@code <dir>/static-<first 12 hex of the encoder's sha-256>-<recipe>.bin}. */
    public static Path tableFile(Path dir, String encoderFingerprint, String recipe) {
        String hex = encoderFingerprint.substring(encoderFingerprint.indexOf(':') + 1);
        return dir.resolve("static-" + hex.substring(0, Math.min(12, hex.length())) + "-"
                + recipe + ".bin");
    }

    /**
     * Loads a table file for the encoder whose fingerprint is given.
     *
     * @throws IOException when the table was distilled from another encoder or tokenizer
     */
    public static StaticEmbeddingEncoder load(Path tableFile, Path tokenizerPath,
            String encoderFingerprint, int maxTokens) throws IOException {
        if (System.getProperty("ai.djl.offline") == null) {
            System.setProperty("ai.djl.offline", "true");
        }
        StaticEmbeddingTable table = StaticEmbeddingTable.read(tableFile);
        String tokenizerSha = OnnxSentenceEncoder.sha256(tokenizerPath);
        if (!table.encoderFingerprint().equals(encoderFingerprint)
                || !table.tokenizerFingerprint().equals(tokenizerSha)) {
            throw new IOException("static table " + tableFile + " was distilled from encoder "
                    + table.encoderFingerprint() + " and tokenizer " + table.tokenizerFingerprint()
                    + ", not " + encoderFingerprint + " and " + tokenizerSha);
        }
        Map<String, String> tokenizerOptions = Map.of("addSpecialTokens", "false",
                "padding", "false", "truncation", "true",
                "maxLength", Integer.toString(maxTokens));
        HuggingFaceTokenizer tokenizer;
        try (InputStream in = Files.newInputStream(tokenizerPath)) {
            tokenizer = HuggingFaceTokenizer.newInstance(in, tokenizerOptions);
        }
        return new StaticEmbeddingEncoder(tokenizer, table,
                OnnxSentenceEncoder.sha256(tableFile),
                "static:" + tableFile.getFileName());
    }

    /** The table behind the vectors. */
    public StaticEmbeddingTable table() {
        return table;
    }

    /** The token ids a text's vector is made of (no special tokens, truncated). */
    public long[] tokenIds(String text) {
        return tokenizer.encode(OnnxSentenceEncoder.head(text)).getIds();
    }

    @Override
    public int dimension() {
        return table.dimension();
    }

    @Override
    public float[] encode(String text) {
        long[] ids = tokenIds(text);
        int d = table.dimension();
        float[] weights = table.weights();
        float[] rows = table.rows();
        float[] v = new float[d];
        double total = 0;
        for (long id : ids) {
            if (id < 0 || id >= weights.length || weights[(int) id] == 0) {
                continue;
            }
            float w = weights[(int) id];
            total += w;
            int base = (int) id * d;
            for (int h = 0; h < d; h++) {
                v[h] += w * rows[base + h];
            }
        }
        // the mean's scale vanishes in the normalisation, so only the sum is needed
        double norm = 0;
        for (float x : v) {
            norm += (double) x * x;
        }
        if (total > 0 && norm > 0) {
            float scale = (float) (1 / Math.sqrt(norm));
            for (int h = 0; h < d; h++) {
                v[h] *= scale;
            }
        }
        return v;
    }

    @Override
    public String fingerprint() {
        return fingerprint;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void close() {
        tokenizer.close();
    }

    @Override
    public String toString() {
        return "StaticEmbeddingEncoder[" + name + ", " + dimension() + " dims, " + fingerprint
                + "]";
    }
}
