package io.kefu.triage;

import io.kefu.config.KefuHome;
import io.kefu.triage.corpus.CsvColumns;
import io.kefu.triage.model.TrainingOptions;
import io.kefu.triage.onnx.OnnxIntentClassifier;
import io.kefu.triage.onnx.OnnxSentenceEncoder;
import io.kefu.triage.onnx.StaticEmbeddingDistiller;
import io.kefu.triage.onnx.StaticEmbeddingEncoder;
import io.kefu.triage.onnx.StaticEncoderTuning;
import io.kefu.triage.text.TextEncoder;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * The only Spring in triage: binds {@code kefu.triage.*}, starts the model registry (loading
 * {@code <model-dir>/model.bin}, or training from the folder when absent) and exposes
 * {@link TriageService}. When the training folder is missing (a bare jar), the seed packed in
 * the jar under {@code kefu/triage/} is copied to {@code <model-dir>/seed/} and used.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(TriageConfiguration.TriageProperties.class)
public class TriageConfiguration {

    private static final Logger log = LoggerFactory.getLogger(TriageConfiguration.class);
    private static final String PACKED_SEED = "kefu/triage/";

    /**
     * {@code kefu.triage.*} settings.
     *
     * @param folder       the operator's training folder ({@code intents/}, {@code sentiment/}),
     *                     relative to {@code kefu.home}
     * @param modelDir     where the accepted model is kept across restarts
     * @param holdoutShare share of examples held back to compare a candidate with the running
     *                     model
     * @param csv          CSV column names
     * @param onnx         optional ONNX intent model
     * @param encoder      optional sentence encoder whose vectors join the intent features
     */
    @ConfigurationProperties("kefu.triage")
    public record TriageProperties(@DefaultValue("triage") Path folder,
            @DefaultValue("data/triage") Path modelDir,
            @DefaultValue("0.2") double holdoutShare,
            @DefaultValue Csv csv,
            @DefaultValue Onnx onnx,
            @DefaultValue Encoder encoder) {

        /**
         * CSV column names.
         *
         * @param textColumn  header of the text column
         * @param labelColumn header of the label column
         */
        public record Csv(@DefaultValue("text") String textColumn,
                @DefaultValue("label") String labelColumn) {
        }

        /**
         * The pluggable ONNX intent model; off while {@code model-path} is empty.
         *
         * @param modelPath  the .onnx file
         * @param labelsPath one label per line, in output order
         * @param output     probabilities, logits-sigmoid or logits-softmax
         * @param threshold  confidence from which an intent is predicted
         * @param ngramMin   smallest char_wb n-gram of the hashed input features
         * @param ngramMax   largest char_wb n-gram of the hashed input features
         */
        public record Onnx(Path modelPath, Path labelsPath,
                @DefaultValue("probabilities") String output,
                @DefaultValue("0.5") double threshold,
                @DefaultValue("2") int ngramMin,
                @DefaultValue("4") int ngramMax) {
        }

        /**
         * A pretrained sentence encoder (token-id ONNX contract, see docs/NLP.md); off while
         * {@code model-path} is empty. The intent classifier is then trained on TF-IDF plus
         * the encoder's vectors, and a saved model trained for another encoder is retrained.
         *
         * @param modelPath     the encoder's .onnx file
         * @param tokenizerPath its HuggingFace tokenizer.json
         * @param maxTokens     texts are cut to this many tokens
         * @param weights       shares of the feature vector's squared norm given to the
         *                      encoder, tried by training like C (1 = the encoder alone)
         * @param mode          {@code full} runs the encoder on every message (milliseconds);
         *                      {@code static} distils it once into a token table and averages
         *                      the message's rows (microseconds, less accurate)
         * @param staticDims    width of the static table after PCA (0 = the encoder's)
         * @param tableDir      folder of the static table, by default the encoder's folder
         * @param staticTuning  {@code none}, or {@code linear}: at each training, the full
         *                      encoder reads the training texts (no labels) and a linear map
         *                      is fitted that carries the table's vectors towards its vectors
         *                      (kept beside the table, part of the model's identity)
         * @param tuningTexts   at most this many distinct training texts are read by the full
         *                      encoder for the tuning (about 2.4 ms each for MiniLM-L6)
         */
        public record Encoder(Path modelPath, Path tokenizerPath,
                @DefaultValue("128") int maxTokens,
                @DefaultValue("0.5") List<Double> weights,
                @DefaultValue("full") String mode,
                @DefaultValue("256") int staticDims,
                Path tableDir,
                @DefaultValue("none") String staticTuning,
                @DefaultValue("10000") int tuningTexts) {

            public Encoder {
                if (!mode.equals("full") && !mode.equals("static")) {
                    throw new IllegalArgumentException(
                            "kefu.triage.encoder.mode must be full or static, not " + mode);
                }
                if (!staticTuning.equals("none") && !staticTuning.equals("linear")) {
                    throw new IllegalArgumentException("kefu.triage.encoder.static-tuning must"
                            + " be none or linear, not " + staticTuning);
                }
            }
        }
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnProperty(prefix = "kefu.triage.encoder", name = "model-path")
    TextEncoder triageSentenceEncoder(TriageProperties properties) throws IOException {
        TriageProperties.Encoder encoder = properties.encoder();
        if (encoder.tokenizerPath() == null) {
            throw new IllegalStateException("kefu.triage.encoder.tokenizer-path is required with "
                    + "kefu.triage.encoder.model-path");
        }
        TextEncoder loaded;
        if (encoder.mode().equals("static")) {
            Path dir = encoder.tableDir() != null ? encoder.tableDir()
                    : encoder.modelPath().toAbsolutePath().getParent();
            // distils on first start (a minute or two for a 30,000-token vocabulary), then reuses
            StaticEmbeddingEncoder table = StaticEmbeddingEncoder.obtain(
                    new StaticEmbeddingEncoder.Options(new StaticEmbeddingDistiller.Options(
                            encoder.modelPath(), encoder.tokenizerPath(), encoder.staticDims(),
                            Runtime.getRuntime().availableProcessors()),
                    dir, encoder.maxTokens()), log::info,
                    seconds -> log.info(seconds > 0 ? "Distilled the static table in {} s"
                            : "Static table found", Math.round(seconds)));
            // with tuning, each training fits a map on its texts; the classifier records it
            loaded = encoder.staticTuning().equals("linear")
                    ? new StaticEncoderTuning(table, new StaticEncoderTuning.Options(
                            new OnnxSentenceEncoder.Options(encoder.modelPath(),
                                    encoder.tokenizerPath(), encoder.maxTokens()),
                            dir, encoder.tuningTexts(), StaticEncoderTuning.DEFAULT_RIDGES))
                    : table;
        } else {
            loaded = OnnxSentenceEncoder.load(new OnnxSentenceEncoder.Options(
                    encoder.modelPath(), encoder.tokenizerPath(), encoder.maxTokens()));
        }
        log.info("Triage intents use sentence encoder {}", loaded);
        return loaded;
    }

    @Bean
    TriageModelRegistry triageModelRegistry(TriageProperties properties, KefuHome home,
            ObjectProvider<TextEncoder> encoder) {
        // Like processes/ and rules/, the training folder is one the operator edits: relative to
        // kefu.home. The model folder is run-time data, like ./data, relative to the working directory.
        Path configured = home.folder(properties.folder().toString());
        Path folder = Files.isDirectory(configured) ? configured
                : unpackSeed(properties.modelDir().resolve("seed"));
        TriageModelRegistry registry = new TriageModelRegistry(folder, properties.modelDir(),
                properties.holdoutShare(),
                new CsvColumns(properties.csv().textColumn(), properties.csv().labelColumn()),
                TrainingOptions.DEFAULT.withEncoderWeights(properties.encoder().weights()),
                encoder.getIfAvailable());
        registry.start();
        return registry;
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnProperty(prefix = "kefu.triage.onnx", name = "model-path")
    OnnxIntentClassifier onnxIntentClassifier(TriageProperties properties) throws IOException {
        TriageProperties.Onnx onnx = properties.onnx();
        if (onnx.labelsPath() == null) {
            throw new IllegalStateException("kefu.triage.onnx.labels-path is required with "
                    + "kefu.triage.onnx.model-path");
        }
        log.info("Triage intents come from ONNX model {}", onnx.modelPath());
        return OnnxIntentClassifier.load(new OnnxIntentClassifier.Options(onnx.modelPath(),
                onnx.labelsPath(), OnnxIntentClassifier.Output.parse(onnx.output()),
                onnx.threshold(), onnx.ngramMin(), onnx.ngramMax()));
    }

    /** The intent → topic mapping, {@code intent-topics.yaml} in the training folder. */
    @Bean
    IntentTopics intentTopics(TriageModelRegistry registry) {
        return new IntentTopics(registry.folder().resolve("intent-topics.yaml"));
    }

    /** How customers say "yes, solved" to the bot, {@code bot-feedback.yaml} in the training folder. */
    @Bean
    BotFeedbackReplies botFeedbackReplies(TriageModelRegistry registry) {
        return new BotFeedbackReplies(registry.folder().resolve("bot-feedback.yaml"));
    }

    @Bean
    TriageService triageService(TriageModelRegistry registry,
            ObjectProvider<OnnxIntentClassifier> onnx) {
        return new TriageService(registry, onnx.getIfAvailable());
    }

    /** Copies the seed packed in the jar to a folder and returns it. */
    private static Path unpackSeed(Path target) {
        try {
            Resource[] resources = new PathMatchingResourcePatternResolver()
                    .getResources("classpath*:" + PACKED_SEED + "**/*.*");
            for (Resource resource : resources) {
                String url = resource.getURL().toString();
                int at = url.lastIndexOf(PACKED_SEED);
                if (at < 0 || !resource.isReadable()) {
                    continue;
                }
                Path file = target.resolve(url.substring(at + PACKED_SEED.length()));
                Files.createDirectories(file.getParent());
                try (InputStream in = resource.getInputStream()) {
                    Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
                }
            }
            log.info("No triage folder; using the seed packed in the jar, copied to {}", target);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot unpack the triage seed", e);
        }
    }
}
