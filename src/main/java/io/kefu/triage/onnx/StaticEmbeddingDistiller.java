package io.kefu.triage.onnx;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Distils a sentence encoder into a {@link StaticEmbeddingTable}, after the Model2Vec recipe:
 * every token id of the tokenizer's vocabulary goes through the encoder on its own, wrapped in
 * the tokenizer's special tokens ({@code [CLS] token [SEP]} for BERT), and the mean of the
 * output vectors (or, as an option, the vector at the token's own position) becomes the token's
 * row; the rows are optionally reduced by PCA; each token is
 * weighted by log(1 + id), Model2Vec's Zipf weight (WordPiece and BPE vocabularies put frequent
 * tokens first, and a frequent token says less about a message). Special and unknown tokens get
 * weight 0.
 *
 * <p>All inputs have the same length, so batches need no padding; a 30,000-token vocabulary
 * takes a minute or two on two cores.
 */
public final class StaticEmbeddingDistiller {

    private static final int BATCH = 256;

    private StaticEmbeddingDistiller() {
    }

    /**
     * What to distil and how.
     *
     * @param modelPath     the encoder's .onnx file (token-id contract)
     * @param tokenizerPath its tokenizer.json
     * @param pcaDimensions width after PCA; 0, or at least the encoder's width, keeps all
     * @param threads       onnxruntime threads for the distillation
     * @param tokenPosition take the output at the token's own position rather than the mean
     *                      over the special tokens and the token (only for encoders whose
     *                      output is the last hidden state)
     */
    public record Options(Path modelPath, Path tokenizerPath, int pcaDimensions, int threads,
            boolean tokenPosition) {

        public Options {
            if (pcaDimensions < 0 || threads < 1) {
                throw new IllegalArgumentException("PCA dims ≥ 0 and threads ≥ 1");
            }
        }

        /** Mean pooling over {@code [CLS] token [SEP]}, the encoder's own pooling. */
        public Options(Path modelPath, Path tokenizerPath, int pcaDimensions, int threads) {
            this(modelPath, tokenizerPath, pcaDimensions, threads, false);
        }

        /** Recipe name recorded in the table and its file name. */
        public String recipe() {
            return (tokenPosition ? "token" : "mean") + "-pca" + pcaDimensions + "-zipf";
        }
    }

    /** Runs the encoder over the whole vocabulary and returns the table. */
    public static StaticEmbeddingTable distil(Options options, Consumer<String> progress)
            throws IOException {
        Vocabulary vocabulary = Vocabulary.read(options.tokenizerPath());
        long[] prefix;
        long[] suffix;
        Map<String, String> tokenizerOptions = Map.of("addSpecialTokens", "true",
                "padding", "false", "truncation", "false");
        try (InputStream in = Files.newInputStream(options.tokenizerPath());
                HuggingFaceTokenizer tokenizer = HuggingFaceTokenizer.newInstance(in,
                        tokenizerOptions)) {
            long[] marker = tokenizer.encode("").getIds();
            // the special tokens around an empty text, split where a word's ids would go
            int split = firstDifference(marker, tokenizer.encode("a").getIds());
            prefix = Arrays.copyOfRange(marker, 0, split);
            suffix = Arrays.copyOfRange(marker, split, marker.length);
        }
        float[] raw;
        int width;
        OrtEnvironment environment = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions so = new OrtSession.SessionOptions()) {
            so.setIntraOpNumThreads(options.threads());
            so.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            try (OrtSession session = environment.createSession(options.modelPath().toString(),
                    so)) {
                NodeInfo idsInfo = session.getInputInfo().get(OnnxSentenceEncoder.IDS);
                if (idsInfo == null || !session.getInputNames().contains(OnnxSentenceEncoder.MASK)) {
                    throw new IOException("an encoder needs inputs " + OnnxSentenceEncoder.IDS + " and "
                            + OnnxSentenceEncoder.MASK);
                }
                long batchDim = ((TensorInfo) idsInfo.getInfo()).getShape()[0];
                int batch = batchDim > 0 ? (int) batchDim : BATCH;
                boolean typeIds = session.getInputNames().contains(OnnxSentenceEncoder.TYPES);
                NodeInfo output = session.getOutputInfo().values().iterator().next();
                long[] shape = ((TensorInfo) output.getInfo()).getShape();
                width = (int) shape[shape.length - 1];
                boolean pooled = shape.length == 2;
                if (pooled && options.tokenPosition()) {
                    throw new IOException("the encoder's output is already pooled: no token"
                            + " position to take");
                }
                int v = vocabulary.size();
                int len = prefix.length + 1 + suffix.length;
                raw = new float[v * width];
                long started = System.nanoTime();
                for (int from = 0; from < v; from += batch) {
                    int n = Math.min(batch, v - from);
                    long[] ids = new long[n * len];
                    long[] mask = new long[n * len];
                    Arrays.fill(mask, 1);
                    for (int i = 0; i < n; i++) {
                        System.arraycopy(prefix, 0, ids, i * len, prefix.length);
                        ids[i * len + prefix.length] = from + i;
                        System.arraycopy(suffix, 0, ids, i * len + prefix.length + 1,
                                suffix.length);
                    }
                    run(environment, session, ids, mask, typeIds, new long[] {n, len}, pooled,
                            options.tokenPosition() ? prefix.length : -1, width, raw,
                            from * width);
                    if ((from / batch) % 20 == 0) {
                        progress.accept(String.format(Locale.ROOT,
                                "distilling: %d / %d tokens, %.0f s", from + n, v,
                                (System.nanoTime() - started) / 1e9));
                    }
                }
            }
        } catch (OrtException e) {
            throw new IOException("cannot distil " + options.modelPath() + ": " + e.getMessage(),
                    e);
        }
        float[] weights = new float[vocabulary.size()];
        for (int id = 0; id < weights.length; id++) {
            weights[id] = vocabulary.ignored(id) ? 0f : (float) Math.log1p(id);
        }
        int k = options.pcaDimensions();
        float[] rows = raw;
        if (k > 0 && k < width) {
            progress.accept("distilling: PCA " + width + " → " + k);
            rows = Pca.project(raw, width, k);
            width = k;
        }
        return new StaticEmbeddingTable(OnnxSentenceEncoder.sha256(options.modelPath()),
                OnnxSentenceEncoder.sha256(options.tokenizerPath()), options.recipe(), width,
                weights, rows);
    }

    private static int firstDifference(long[] a, long[] b) {
        int i = 0;
        while (i < a.length && i < b.length && a[i] == b[i]) {
            i++;
        }
        return i;
    }

    private static void run(OrtEnvironment environment, OrtSession session, long[] ids,
            long[] mask, boolean typeIds, long[] shape, boolean pooled, int position, int width,
            float[] into, int offset) throws OrtException {
        Map<String, OnnxTensor> inputs = new HashMap<>(4);
        try {
            OnnxSentenceEncoder.putInputs(environment, inputs, ids, mask, typeIds, shape);
            try (OrtSession.Result result = session.run(inputs)) {
                FloatBuffer out = ((OnnxTensor) result.get(0)).getFloatBuffer();
                int n = (int) shape[0];
                int len = (int) shape[1];
                for (int i = 0; i < n; i++) {
                    int target = offset + i * width;
                    if (pooled) {
                        out.get(i * width, into, target, width);
                        continue;
                    }
                    if (position >= 0) {
                        out.get((i * len + position) * width, into, target, width);
                        continue;
                    }
                    for (int t = 0; t < len; t++) {
                        int base = (i * len + t) * width;
                        for (int h = 0; h < width; h++) {
                            into[target + h] += out.get(base + h) / len;
                        }
                    }
                }
            }
        } finally {
            inputs.values().forEach(OnnxTensor::close);
        }
    }

    /** The token ids of a tokenizer.json and which of them a text's vector ignores. */
    record Vocabulary(int size, boolean[] ignoredIds) {

        boolean ignored(int id) {
            return ignoredIds[id];
        }

        static Vocabulary read(Path tokenizerJson) throws IOException {
            JsonNode root = new ObjectMapper().readTree(tokenizerJson.toFile());
            JsonNode model = root.path("model");
            JsonNode vocab = model.path("vocab");
            int max = -1;
            Map<String, Integer> ids = new HashMap<>();
            if (vocab.isObject()) {
                for (Iterator<Map.Entry<String, JsonNode>> it = vocab.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    ids.put(e.getKey(), e.getValue().asInt());
                    max = Math.max(max, e.getValue().asInt());
                }
            } else if (vocab.isArray()) {
                // Unigram: [[piece, score], ...] in id order
                for (int i = 0; i < vocab.size(); i++) {
                    ids.put(vocab.get(i).get(0).asText(), i);
                }
                max = vocab.size() - 1;
            } else {
                throw new IOException(tokenizerJson + " has no model.vocab");
            }
            boolean[] ignored;
            int size = max + 1;
            for (JsonNode t : root.path("added_tokens")) {
                size = Math.max(size, t.path("id").asInt() + 1);
            }
            ignored = new boolean[size];
            for (JsonNode t : root.path("added_tokens")) {
                if (t.path("special").asBoolean(false)) {
                    ignored[t.path("id").asInt()] = true;
                }
            }
            JsonNode unk = model.path("unk_token");
            if (unk.isTextual() && ids.containsKey(unk.asText())) {
                ignored[ids.get(unk.asText())] = true;
            } else if (model.path("unk_id").isInt()) {
                ignored[model.path("unk_id").asInt()] = true;
            }
            return new Vocabulary(size, ignored);
        }
    }
}
