package io.kefu.triage;

import static org.assertj.core.api.Assertions.assertThat;

import io.kefu.triage.corpus.CsvColumns;
import io.kefu.triage.corpus.ExampleReader;
import io.kefu.triage.model.DeterministicSplit;
import io.kefu.triage.model.Example;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Retraining: a candidate replaces the running models only when it scores at least as well on
 * the held-back examples, the swap is whole, and the accepted model survives a restart.
 */
class TriageModelRegistryTest {

    static final Path SEED = Path.of("triage");

    static List<Example> seedIntents;
    static List<Example> seedSentiment;

    @TempDir
    Path tmp;

    @BeforeAll
    static void readTheSeed() throws IOException {
        seedIntents = ExampleReader.readFolder(SEED.resolve("intents"), CsvColumns.DEFAULT);
        seedSentiment = ExampleReader.readFolder(SEED.resolve("sentiment"), CsvColumns.DEFAULT);
    }

    @Test
    void acceptsABetterCandidateAndRefusesAWorseOne() throws IOException {
        Path models = tmp.resolve("models");
        TriageModelRegistry registry =
                new TriageModelRegistry(folder("weak", firstPerLabel(seedIntents, 2)), models);
        TriageModel weak = registry.start();

        RetrainReport better = registry.retrain(folder("full", seedIntents), p -> { });

        assertThat(better.outcome()).isEqualTo(RetrainReport.Outcome.ACCEPTED);
        assertThat(better.candidate().intents().microF1())
                .isGreaterThan(better.current().intents().microF1());
        TriageModel full = registry.current();
        assertThat(full).isNotSameAs(weak);
        assertThat(full.version()).isEqualTo(better.version());
        byte[] saved = Files.readAllBytes(models.resolve(TriageModelRegistry.MODEL_FILE));

        RetrainReport worse = registry.retrain(folder("corrupted", mislabelTrainingPart()),
                p -> { });

        assertThat(worse.outcome()).isEqualTo(RetrainReport.Outcome.REFUSED);
        assertThat(worse.reason()).contains("intent micro-F1");
        assertThat(worse.candidate().intents().microF1())
                .isLessThan(worse.current().intents().microF1());
        assertThat(registry.current()).isSameAs(full);
        assertThat(Files.readAllBytes(models.resolve(TriageModelRegistry.MODEL_FILE)))
                .isEqualTo(saved);
    }

    @Test
    void aRestartLoadsTheLastAcceptedModelInsteadOfRetraining() throws IOException {
        Path models = tmp.resolve("models");
        TriageModel accepted = new TriageModelRegistry(SEED, models).start();

        TriageModel reloaded = new TriageModelRegistry(tmp.resolve("no-such-folder"), models)
                .start();

        assertThat(reloaded.version()).isEqualTo(accepted.version());
        String text = "物流怎么还没到？！";
        assertThat(reloaded.rank(text, null)).isEqualTo(accepted.rank(text, null));
        assertThat(reloaded.sentiment(text, null)).isEqualTo(accepted.sentiment(text, null));
    }

    @Test
    void reportsEachStageAndFailsWithoutTouchingTheModelWhenTheFolderIsEmpty()
            throws IOException {
        TriageModelRegistry registry = new TriageModelRegistry(SEED, tmp.resolve("models"));
        List<RetrainProgress.Stage> stages = new ArrayList<>();
        registry.retrain(p -> stages.add(p.stage()));
        TriageModel serving = registry.current();

        RetrainReport failed = registry.retrain(Files.createDirectories(tmp.resolve("empty")),
                p -> { });

        assertThat(stages.stream().distinct()).containsExactly(
                RetrainProgress.Stage.LOADING, RetrainProgress.Stage.TRAINING_INTENTS,
                RetrainProgress.Stage.TRAINING_SENTIMENT, RetrainProgress.Stage.EVALUATING,
                RetrainProgress.Stage.SAVING, RetrainProgress.Stage.DONE);
        assertThat(failed.outcome()).isEqualTo(RetrainReport.Outcome.FAILED);
        assertThat(failed.reason()).contains("no intent examples");
        assertThat(registry.current()).isSameAs(serving);
    }

    @Test
    void keepsServingTheRunningModelWhileARetrainingRunsAndRefusesASecondRun()
            throws Exception {
        TriageModelRegistry registry = new TriageModelRegistry(SEED, tmp.resolve("models"));
        TriageModel serving = registry.start();
        TriageService service = new TriageService(registry, null);
        CountDownLatch training = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);

        CompletableFuture<RetrainReport> running = CompletableFuture.supplyAsync(() ->
                registry.retrain(p -> {
                    if (p.stage() == RetrainProgress.Stage.TRAINING_INTENTS
                            && training.getCount() > 0) {
                        training.countDown();
                        await(release);
                    }
                }));
        assertThat(training.await(30, TimeUnit.SECONDS)).isTrue();

        RetrainReport second = registry.retrain(p -> { });
        TriageResult during = service.classify("I want a refund", "en");
        release.countDown();
        RetrainReport first = running.get(60, TimeUnit.SECONDS);

        assertThat(second.outcome()).isEqualTo(RetrainReport.Outcome.BUSY);
        assertThat(during.modelVersion()).isEqualTo(serving.version());
        assertThat(first.outcome()).isEqualTo(RetrainReport.Outcome.ACCEPTED);
        assertThat(registry.current().version()).isEqualTo(first.version());
    }

    /** Rotates the labels of every example that is trained on; the held-back ones stay right. */
    private static List<Example> mislabelTrainingPart() {
        List<String> labels = seedIntents.stream().flatMap(e -> e.labels().stream())
                .distinct().sorted().toList();
        return seedIntents.stream().map(e -> DeterministicSplit.heldOut(e.text(), 0.2,
                        TriageModelRegistry.HOLDOUT_SEED) ? e
                        : new Example(e.text(), e.labels().stream()
                                .map(l -> labels.get((labels.indexOf(l) + 3) % labels.size()))
                                .toList()))
                .toList();
    }

    private static List<Example> firstPerLabel(List<Example> examples, int perLabel) {
        Map<String, List<Example>> byLabel = new LinkedHashMap<>();
        for (Example e : examples) {
            if (e.labels().size() == 1) {
                List<Example> list = byLabel.computeIfAbsent(e.labels().get(0),
                        k -> new ArrayList<>());
                if (list.size() < perLabel) {
                    list.add(e);
                }
            }
        }
        return byLabel.values().stream().flatMap(List::stream).toList();
    }

    private Path folder(String name, List<Example> intents) throws IOException {
        Path folder = tmp.resolve(name);
        write(folder.resolve("intents/all.csv"), intents);
        write(folder.resolve("sentiment/all.csv"), seedSentiment);
        return folder;
    }

    private static void write(Path file, List<Example> examples) throws IOException {
        Files.createDirectories(file.getParent());
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
                CSVPrinter csv = new CSVPrinter(out, CSVFormat.RFC4180)) {
            csv.printRecord("text", "label");
            for (Example e : examples) {
                csv.printRecord(e.text(), String.join(ExampleReader.LABEL_SEPARATOR, e.labels()));
            }
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("test latch never released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
