package io.kefu.triage;

import io.kefu.triage.corpus.CsvColumns;
import io.kefu.triage.corpus.ExampleReader;
import io.kefu.triage.model.ClassifierTrainer;
import io.kefu.triage.model.DeterministicSplit;
import io.kefu.triage.model.EncoderMismatchException;
import io.kefu.triage.model.Example;
import io.kefu.triage.model.Metrics;
import io.kefu.triage.model.TextClassifier;
import io.kefu.triage.model.TrainingOptions;
import io.kefu.triage.text.TextEncoder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds the classical models that serve, and replaces them only with better ones.
 *
 * <p>The training folder has {@code intents/} and {@code sentiment/} sub-folders of CSV and
 * JSON files (see {@code triage/README.md}). A deterministic share of each (by a hash of the
 * text, {@link #HOLDOUT_SEED}) is held back and never trained on, so the running model and a
 * candidate are compared on examples neither has seen. A candidate goes live only when it
 * scores at least as well on intents (micro-F1) and on sentiment (accuracy); it is written to
 * {@code model.bin} in the model folder first, then swapped in atomically, so readers always see
 * one whole model pair and a restart loads the last accepted one.
 *
 * <p>With a sentence encoder, the intent classifier is trained on TF-IDF plus the encoder's
 * vectors (sentiment stays TF-IDF only), and the model file records the encoder's fingerprint.
 * A saved model trained for another encoder setting (another model file, none, or one where
 * there is none now) is never served: the registry retrains from the folder at start.
 */
public final class TriageModelRegistry {

    /** File name of the accepted model inside the model folder. */
    public static final String MODEL_FILE = "model.bin";
    /** Seed of the held-back split; fixed so that every run holds back the same texts. */
    public static final long HOLDOUT_SEED = 20_240_917L;

    private static final Logger log = LoggerFactory.getLogger(TriageModelRegistry.class);

    private final Path trainingFolder;
    private final Path modelFile;
    private final double holdoutShare;
    private final CsvColumns columns;
    private final TrainingOptions options;
    private final TextEncoder encoder;
    private final AtomicReference<TriageModel> current = new AtomicReference<>();
    private final ReentrantLock retraining = new ReentrantLock();
    private volatile RetrainProgress progress =
            new RetrainProgress(RetrainProgress.Stage.DONE, "idle");

    /**
     * A registry with nothing loaded yet; call {@link #start()}.
     *
     * @param trainingFolder folder with {@code intents/} and {@code sentiment/}
     * @param modelFolder    where the accepted model is kept
     * @param holdoutShare   share of examples held back for comparing models, e.g. 0.2
     * @param columns        CSV column names
     * @param options        what training tries
     */
    public TriageModelRegistry(Path trainingFolder, Path modelFolder, double holdoutShare,
            CsvColumns columns, TrainingOptions options) {
        this(trainingFolder, modelFolder, holdoutShare, columns, options, null);
    }

    /**
     * A registry with nothing loaded yet; call {@link #start()}.
     *
     * @param trainingFolder folder with {@code intents/} and {@code sentiment/}
     * @param modelFolder    where the accepted model is kept
     * @param holdoutShare   share of examples held back for comparing models, e.g. 0.2
     * @param columns        CSV column names
     * @param options        what training tries
     * @param encoder        sentence encoder for the intent classifier, or {@code null}
     */
    public TriageModelRegistry(Path trainingFolder, Path modelFolder, double holdoutShare,
            CsvColumns columns, TrainingOptions options, TextEncoder encoder) {
        if (holdoutShare <= 0 || holdoutShare >= 1) {
            throw new IllegalArgumentException("holdout share must be in (0, 1)");
        }
        this.trainingFolder = trainingFolder;
        this.modelFile = modelFolder.resolve(MODEL_FILE);
        this.holdoutShare = holdoutShare;
        this.columns = columns;
        this.options = options;
        this.encoder = encoder;
    }

    /** A registry with the default CSV columns, training options and a 20 % hold-out. */
    public TriageModelRegistry(Path trainingFolder, Path modelFolder) {
        this(trainingFolder, modelFolder, 0.2, CsvColumns.DEFAULT, TrainingOptions.DEFAULT);
    }

    /**
     * Loads the last accepted model, or trains one from the folder when there is none (or it
     * cannot be read). Returns the model now serving.
     *
     * @throws IllegalStateException when there is neither a model file nor usable training data
     */
    public TriageModel start() {
        if (Files.isRegularFile(modelFile)) {
            try {
                TriageModel loaded = TriageModel.load(modelFile, encoder);
                current.set(loaded);
                log.info("Triage model {} loaded from {}", loaded.version(), modelFile);
                return loaded;
            } catch (EncoderMismatchException e) {
                log.warn("Triage model {} is not served: {}; training from {}", modelFile,
                        e.getMessage(), trainingFolder);
            } catch (IOException | RuntimeException e) {
                log.warn("Triage model {} unreadable ({}); training from {}", modelFile,
                        e.toString(), trainingFolder);
            }
        }
        RetrainReport report = retrain(p -> { });
        if (!report.accepted()) {
            throw new IllegalStateException("No triage model: " + report.reason());
        }
        return current();
    }

    /**
     * The model pair serving now.
     *
     * @throws IllegalStateException before {@link #start()}
     */
    public TriageModel current() {
        TriageModel model = current.get();
        if (model == null) {
            throw new IllegalStateException("triage models not started");
        }
        return model;
    }

    /** Where the last or running retraining is. */
    public RetrainProgress progress() {
        return progress;
    }

    /** Whether a retraining run is in progress. */
    public boolean retraining() {
        return retraining.isLocked();
    }

    /** The operator's training folder this registry trains from. */
    public Path folder() {
        return trainingFolder;
    }

    /** Retrains from the configured training folder. */
    public RetrainReport retrain(Consumer<RetrainProgress> listener) {
        return retrain(trainingFolder, listener);
    }

    /**
     * Trains a candidate from {@code folder}, compares it with the running model on the
     * held-back examples and swaps it in when it is at least as good. Runs on the caller's
     * thread; a concurrent call returns {@link RetrainReport.Outcome#BUSY} at once. Classification
     * keeps using the running model meanwhile.
     */
    public RetrainReport retrain(Path folder, Consumer<RetrainProgress> listener) {
        if (!retraining.tryLock()) {
            return new RetrainReport(RetrainReport.Outcome.BUSY, "a retraining run is in progress",
                    null, null, null, null, versionOrNull(), Duration.ZERO);
        }
        long started = System.nanoTime();
        try {
            return run(folder, listener, started);
        } catch (IOException | RuntimeException e) {
            log.warn("Triage retraining from {} failed", folder, e);
            report(listener, RetrainProgress.Stage.DONE, "failed: " + e.getMessage());
            return new RetrainReport(RetrainReport.Outcome.FAILED, e.getMessage(), null, null,
                    null, null, versionOrNull(), elapsed(started));
        } finally {
            retraining.unlock();
        }
    }

    private RetrainReport run(Path folder, Consumer<RetrainProgress> listener, long started)
            throws IOException {
        report(listener, RetrainProgress.Stage.LOADING, "reading " + folder);
        List<Example> intentExamples = ExampleReader.readFolder(folder.resolve("intents"), columns);
        List<Example> sentimentExamples =
                ExampleReader.readFolder(folder.resolve("sentiment"), columns);
        if (intentExamples.isEmpty() || sentimentExamples.isEmpty()) {
            throw new IllegalArgumentException("no " + (intentExamples.isEmpty() ? "intent"
                    : "sentiment") + " examples under " + folder);
        }
        DeterministicSplit.Parts intents =
                DeterministicSplit.split(intentExamples, holdoutShare, HOLDOUT_SEED);
        DeterministicSplit.Parts sentiment =
                DeterministicSplit.split(sentimentExamples, holdoutShare, HOLDOUT_SEED);
        RetrainReport.Sizes trainSize =
                new RetrainReport.Sizes(intents.kept().size(), sentiment.kept().size());
        RetrainReport.Sizes heldSize =
                new RetrainReport.Sizes(intents.heldBack().size(), sentiment.heldBack().size());

        report(listener, RetrainProgress.Stage.TRAINING_INTENTS,
                "training intents on " + intents.kept().size() + " examples");
        ClassifierTrainer.Result intentResult = ClassifierTrainer.train(intents.kept(), options,
                encoder, m -> report(listener, RetrainProgress.Stage.TRAINING_INTENTS, m));
        report(listener, RetrainProgress.Stage.TRAINING_SENTIMENT,
                "training sentiment on " + sentiment.kept().size() + " examples");
        TrainingOptions sentimentOptions = new TrainingOptions(options.features(),
                options.solvers(), options.costs(), Boolean.FALSE, options.seed(),
                options.encoderWeights());
        ClassifierTrainer.Result sentimentResult = ClassifierTrainer.train(sentiment.kept(),
                sentimentOptions,
                m -> report(listener, RetrainProgress.Stage.TRAINING_SENTIMENT, m));
        Instant now = Instant.now();
        TriageModel candidate = new TriageModel(intentResult.classifier(),
                sentimentResult.classifier(), versionAt(now, encoder != null), now);

        report(listener, RetrainProgress.Stage.EVALUATING,
                "comparing on " + heldSize.intents() + " + " + heldSize.sentiment()
                        + " held-back examples");
        RetrainReport.Figures candidateFigures = figures(candidate, intents, sentiment);
        TriageModel running = current.get();
        RetrainReport.Figures runningFigures =
                running == null ? null : figures(running, intents, sentiment);

        String verdict = verdict(candidateFigures, runningFigures);
        if (verdict != null) {
            log.info("Triage candidate refused: {}", verdict);
            report(listener, RetrainProgress.Stage.DONE, "refused: " + verdict);
            return new RetrainReport(RetrainReport.Outcome.REFUSED, verdict, candidateFigures,
                    runningFigures, trainSize, heldSize, running.version(), elapsed(started));
        }
        report(listener, RetrainProgress.Stage.SAVING, "writing " + modelFile);
        candidate.save(modelFile);
        current.set(candidate);
        String reason = running == null ? "no model was serving"
                : "scores at least as well as " + running.version();
        log.info("Triage model {} accepted: {}", candidate.version(), reason);
        report(listener, RetrainProgress.Stage.DONE, "accepted " + candidate.version());
        return new RetrainReport(RetrainReport.Outcome.ACCEPTED, reason, candidateFigures,
                runningFigures, trainSize, heldSize, candidate.version(), elapsed(started));
    }

    /** Null when the candidate may go live, otherwise why not. */
    private static String verdict(RetrainReport.Figures candidate,
            RetrainReport.Figures running) {
        if (running == null) {
            return null;
        }
        double ci = candidate.intents().primary();
        double ri = running.intents().primary();
        double cs = candidate.sentiment().primary();
        double rs = running.sentiment().primary();
        if (ci < ri) {
            return String.format(Locale.ROOT, "intent micro-F1 %.4f < running %.4f", ci, ri);
        }
        if (cs < rs) {
            return String.format(Locale.ROOT, "sentiment accuracy %.4f < running %.4f", cs, rs);
        }
        return null;
    }

    private static RetrainReport.Figures figures(TriageModel model, DeterministicSplit.Parts intents,
            DeterministicSplit.Parts sentiment) {
        Metrics i = evaluate(model.intents(), intents.heldBack());
        Metrics s = evaluate(model.sentiment(), sentiment.heldBack());
        return new RetrainReport.Figures(i, s, "intents: " + model.intents().description()
                + "; sentiment: " + model.sentiment().description());
    }

    private static Metrics evaluate(TextClassifier classifier, List<Example> examples) {
        return examples.isEmpty() ? new Metrics(0, 0, 0, 0) : classifier.evaluate(examples);
    }

    private void report(Consumer<RetrainProgress> listener, RetrainProgress.Stage stage,
            String message) {
        RetrainProgress p = new RetrainProgress(stage, message);
        progress = p;
        listener.accept(p);
    }

    private String versionOrNull() {
        TriageModel model = current.get();
        return model == null ? null : model.version();
    }

    private static String versionAt(Instant instant, boolean encoded) {
        return (encoded ? "encoder-" : "classic-") + instant.toEpochMilli();
    }

    private static Duration elapsed(long started) {
        return Duration.ofNanos(System.nanoTime() - started);
    }
}
