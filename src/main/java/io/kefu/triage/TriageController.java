package io.kefu.triage;

import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.annotation.PreDestroy;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Triage over HTTP: classify a text, retrain from the operator's {@code triage/} folder
 * ({@code POST /api/triage/models} starts it in the background and answers 202; the running
 * model keeps serving and is replaced only when the candidate scores at least as well on the
 * held-back examples), and read progress, the running model and the last report.
 */
@RestController
class TriageController {

    private static final Logger log = LoggerFactory.getLogger(TriageController.class);

    private final TriageService triage;
    private final ExecutorService trainer = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "triage-retrain");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicReference<RetrainReport> lastReport = new AtomicReference<>();

    TriageController(TriageService triage) {
        this.triage = triage;
    }

    /**
     * Classifies a text by intent, sentiment and language.
     * The body is <code>{text, language}</code>: a text of at most 10,000 characters, not blank (400
     * otherwise), and an optional language hint such as {@code zh} or {@code en}; without one, or with
     * one it does not know, the language is detected from the text. Answers the predicted intents,
     * every intent's confidence, the sentiment with its score, the language and the model version. Any
     * staff role.
     */
    @PostMapping("/api/triage/classify")
    TriageResult classify(@Valid @RequestBody ClassifyRequest request) {
        return triage.classify(request.text(), request.language());
    }

    /**
     * Starts retraining the triage models from the triage folder.
     * Answers 202 with the models' state while the training runs in the background, or 409 with it when a
     * retraining already runs. The running model keeps serving and is replaced only if the new one scores
     * at least as well on held-back examples. Designers and admins.
     */
    @PostMapping("/api/triage/models")
    ResponseEntity<ModelsView> retrain() {
        if (triage.registry().retraining()) {
            return ResponseEntity.status(HttpStatus.CONFLICT).body(view());
        }
        trainer.submit(() -> {
            RetrainReport report = triage.registry().retrain(progress ->
                    log.info("Triage retraining: {} {}", progress.stage(), progress.message()));
            lastReport.set(report);
            log.info("Triage retraining {}: {}", report.outcome(), report.reason());
        });
        return ResponseEntity.accepted().body(view());
    }

    /**
     * Shows the running triage model, retraining progress and the last report.
     * Answers the running model's version and training time, whether a retraining runs and how far it
     * got, and the report of the last retraining with its figures (none until one has run since the
     * server started). Supervisors, designers and admins.
     */
    @GetMapping("/api/triage/models")
    ModelsView models() {
        return view();
    }

    private ModelsView view() {
        TriageModelRegistry registry = triage.registry();
        TriageModelView current = new TriageModelView(registry.current().version(), registry.current().trainedAt());
        return new ModelsView(current, registry.retraining(), registry.progress(), lastReport.get());
    }

    @PreDestroy
    void stop() {
        trainer.shutdownNow();
    }

    record ClassifyRequest(@NotBlank @Size(max = 10000) String text, String language) {
    }

    record TriageModelView(String version, Instant trainedAt) {
    }

    /** The running model, whether a retraining runs and how far it got, and the last run's report. */
    record ModelsView(TriageModelView current, boolean retraining, RetrainProgress progress, RetrainReport lastReport) {
    }
}
