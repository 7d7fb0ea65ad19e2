package io.kefu.triage.onnx;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import io.kefu.triage.text.TextEncoder;
import java.io.IOException;
import java.io.InputStream;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;

/**
 * A pretrained sentence encoder behind the token-id ONNX contract (see the package
 * documentation): a HuggingFace {@code tokenizer.json} read by DJL's binding of the Rust
 * tokenizers, and an ONNX model with int64 inputs {@code input_ids}, {@code attention_mask} and
 * optionally {@code token_type_ids} of shape {@code [1, T]}, whose first output is either the
 * last hidden state {@code [1, T, H]} (mean-pooled over the attention mask here) or an already
 * pooled {@code [1, H]}; the result is L2-normalised.
 *
 * <p>One session thread, sequential execution and every graph optimisation: a message is a
 * handful of tokens, where extra threads cost more in hand-over than they save, and the server
 * runs many messages side by side. Thread-safe; close it to free the native session and
 * tokenizer.
 */
public final class OnnxSentenceEncoder implements TextEncoder, AutoCloseable {

    /** Longer texts are cut before tokenising; no message needs more to fill the token cap. */
    private static final int MAX_CHARS = 2048;
    static final String IDS = "input_ids";
    static final String MASK = "attention_mask";
    static final String TYPES = "token_type_ids";

    /**
     * Where the encoder is and how much of a text it reads.
     *
     * @param modelPath     the .onnx file
     * @param tokenizerPath the HuggingFace {@code tokenizer.json} that goes with it
     * @param maxTokens     texts are truncated to this many tokens, special tokens included
     */
    public record Options(Path modelPath, Path tokenizerPath, int maxTokens) {

        public Options {
            if (maxTokens < 2) {
                throw new IllegalArgumentException("max tokens must be at least 2");
            }
        }
    }

    private final OrtEnvironment environment;
    private final OrtSession session;
    private final HuggingFaceTokenizer tokenizer;
    private final boolean typeIds;
    private final boolean pooled;
    private final int dimension;
    private final String fingerprint;
    private final String name;

    private OnnxSentenceEncoder(OrtEnvironment environment, OrtSession session,
            HuggingFaceTokenizer tokenizer, boolean typeIds, boolean pooled, int dimension,
            String fingerprint, String name) {
        this.environment = environment;
        this.session = session;
        this.tokenizer = tokenizer;
        this.typeIds = typeIds;
        this.pooled = pooled;
        this.dimension = dimension;
        this.fingerprint = fingerprint;
        this.name = name;
    }

    /**
     * Loads the tokenizer and the model and checks the contract. Nothing is downloaded: DJL is
     * put in offline mode, and its jar carries the tokenizers' native library, which DJL copies
     * to its cache folder ({@code ~/.djl.ai}, or {@code DJL_CACHE_DIR}) on first use.
     *
     * @throws IOException when a file cannot be read or the model does not meet the contract
     */
    public static OnnxSentenceEncoder load(Options options) throws IOException {
        if (System.getProperty("ai.djl.offline") == null) {
            System.setProperty("ai.djl.offline", "true");
        }
        if (!Files.isRegularFile(options.tokenizerPath())) {
            throw new IOException("no tokenizer file " + options.tokenizerPath());
        }
        String fingerprint = sha256(options.modelPath());
        OrtEnvironment environment = OrtEnvironment.getEnvironment();
        OrtSession session = null;
        HuggingFaceTokenizer tokenizer = null;
        try (OrtSession.SessionOptions so = new OrtSession.SessionOptions()) {
            so.setIntraOpNumThreads(1);
            so.setInterOpNumThreads(1);
            so.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
            so.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            session = environment.createSession(options.modelPath().toString(), so);
            Set<String> inputs = session.getInputNames();
            if (!inputs.contains(IDS) || !inputs.contains(MASK)) {
                throw new IOException("an encoder needs inputs " + IDS + " and " + MASK
                        + "; found " + inputs);
            }
            for (String input : inputs) {
                if (!input.equals(IDS) && !input.equals(MASK) && !input.equals(TYPES)) {
                    throw new IOException("unexpected encoder input " + input + " (known: "
                            + IDS + ", " + MASK + ", " + TYPES + ")");
                }
            }
            NodeInfo output = session.getOutputInfo().values().iterator().next();
            long[] shape = output.getInfo() instanceof TensorInfo t ? t.getShape() : new long[0];
            if ((shape.length != 2 && shape.length != 3) || shape[shape.length - 1] <= 0) {
                throw new IOException("encoder output " + output.getName() + " must be float"
                        + " [1, T, H] or [1, H] with a fixed H; found " + Arrays.toString(shape));
            }
            Map<String, String> tokenizerOptions = new HashMap<>();
            tokenizerOptions.put("maxLength", Integer.toString(options.maxTokens()));
            tokenizerOptions.put("truncation", "true");
            tokenizerOptions.put("padding", "false");
            tokenizerOptions.put("addSpecialTokens", "true");
            try (InputStream in = Files.newInputStream(options.tokenizerPath())) {
                tokenizer = HuggingFaceTokenizer.newInstance(in, tokenizerOptions);
            }
            return new OnnxSentenceEncoder(environment, session, tokenizer,
                    inputs.contains(TYPES), shape.length == 2, (int) shape[shape.length - 1],
                    fingerprint, options.modelPath().getFileName().toString());
        } catch (OrtException e) {
            close(session, tokenizer);
            throw new IOException("cannot load encoder " + options.modelPath() + ": "
                    + e.getMessage(), e);
        } catch (IOException | RuntimeException e) {
            close(session, tokenizer);
            throw e;
        }
    }

    /** {@code sha256:<hex>} of a file's bytes. */
    static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
            return "sha256:" + HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("no SHA-256 in this JVM", e);
        }
    }

    @Override
    public int dimension() {
        return dimension;
    }

    @Override
    public String fingerprint() {
        return fingerprint;
    }

    @Override
    public String name() {
        return name;
    }

    /** The token ids the model sees for a text (special tokens included, truncated). */
    public long[] tokenIds(String text) {
        return tokenizer.encode(head(text)).getIds();
    }

    @Override
    public float[] encode(String text) {
        Encoding encoding = tokenizer.encode(head(text));
        long[] ids = encoding.getIds();
        long[] mask = encoding.getAttentionMask();
        long[] shape = {1, ids.length};
        Map<String, OnnxTensor> inputs = new HashMap<>(4);
        try {
            putInputs(environment, inputs, ids, mask, typeIds, shape);
            try (OrtSession.Result result = session.run(inputs)) {
                OnnxValue value = result.get(0);
                FloatBuffer out = ((OnnxTensor) value).getFloatBuffer();
                return normalise(pooled ? pooled(out) : meanPooled(out, mask));
            }
        } catch (OrtException e) {
            throw new IllegalStateException("encoder inference failed: " + e.getMessage(), e);
        } finally {
            inputs.values().forEach(OnnxTensor::close);
        }
    }

    /**
     * The contract's inputs for a batch of {@code shape[0]} texts of {@code shape[1]} tokens, ids and
     * mask flattened row by row: {@code input_ids}, {@code attention_mask} and, when the model asks
     * for it, {@code token_type_ids} (all zero: one segment). The caller closes the tensors, also
     * those put before a failure.
     */
    static void putInputs(OrtEnvironment environment, Map<String, OnnxTensor> inputs, long[] ids, long[] mask,
            boolean typeIds, long[] shape) throws OrtException {
        inputs.put(IDS, OnnxTensor.createTensor(environment, LongBuffer.wrap(ids), shape));
        inputs.put(MASK, OnnxTensor.createTensor(environment, LongBuffer.wrap(mask), shape));
        if (typeIds) {
            inputs.put(TYPES, OnnxTensor.createTensor(environment, LongBuffer.wrap(new long[ids.length]), shape));
        }
    }

    private float[] pooled(FloatBuffer out) {
        float[] v = new float[dimension];
        out.get(v);
        return v;
    }

    /** Mean of the token vectors whose attention mask is 1. */
    private float[] meanPooled(FloatBuffer out, long[] mask) {
        double[] sum = new double[dimension];
        int tokens = 0;
        for (int t = 0; t < mask.length; t++) {
            if (mask[t] == 0) {
                continue;
            }
            tokens++;
            int base = t * dimension;
            for (int h = 0; h < dimension; h++) {
                sum[h] += out.get(base + h);
            }
        }
        float[] v = new float[dimension];
        for (int h = 0; h < dimension && tokens > 0; h++) {
            v[h] = (float) (sum[h] / tokens);
        }
        return v;
    }

    private static float[] normalise(float[] v) {
        double norm = 0;
        for (float x : v) {
            norm += (double) x * x;
        }
        if (norm > 0) {
            float scale = (float) (1 / Math.sqrt(norm));
            for (int i = 0; i < v.length; i++) {
                v[i] *= scale;
            }
        }
        return v;
    }

    /** The text cut to the first {@value #MAX_CHARS} characters (never inside a surrogate pair). */
    static String head(String text) {
        if (text.length() <= MAX_CHARS) {
            return text;
        }
        int end = Character.isHighSurrogate(text.charAt(MAX_CHARS - 1)) ? MAX_CHARS - 1
                : MAX_CHARS;
        return text.substring(0, end);
    }

    @Override
    public void close() {
        close(session, tokenizer);
    }

    private static void close(OrtSession session, HuggingFaceTokenizer tokenizer) {
        if (tokenizer != null) {
            tokenizer.close();
        }
        if (session != null) {
            try {
                session.close();
            } catch (OrtException e) {
                // nothing more to free
            }
        }
    }

    @Override
    public String toString() {
        return "OnnxSentenceEncoder[" + name + ", " + dimension + " dims, " + fingerprint + "]";
    }
}
