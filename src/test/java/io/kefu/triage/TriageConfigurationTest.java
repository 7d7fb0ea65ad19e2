package io.kefu.triage;

import static org.assertj.core.api.Assertions.assertThat;

import io.kefu.config.KefuHome;
import io.kefu.triage.onnx.OnnxIntentClassifier;
import io.kefu.triage.onnx.StaticEmbeddingEncoder;
import io.kefu.triage.onnx.StaticEncoderTuning;
import io.kefu.triage.onnx.TunedStaticEncoder;
import io.kefu.triage.text.TextEncoder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The wiring alone (no application context of other features). */
class TriageConfigurationTest {

    @TempDir
    Path tmp;

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withUserConfiguration(TriageConfiguration.class)
            .withBean(KefuHome.class, () -> new KefuHome("."));

    @Test
    void readsTheTrainingFolderRelativeToKefuHomeNotTheWorkingDirectory() throws Exception {
        Path home = tmp.resolve("home");
        Files.createDirectories(home.resolve("triage"));
        try (var files = Files.walk(Path.of("triage"))) {
            for (Path source : files.toList()) {
                Path target = home.resolve(source.toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target);
                }
            }
        }
        new ApplicationContextRunner().withUserConfiguration(TriageConfiguration.class)
                .withBean(KefuHome.class, () -> new KefuHome(home.toString()))
                .withPropertyValues("kefu.triage.model-dir=" + tmp.resolve("models"))
                .run(ctx -> assertThat(ctx.getBean(TriageModelRegistry.class).folder())
                        .isEqualTo(home.resolve("triage").toAbsolutePath().normalize()));
    }

    @Test
    void trainsFromTheFolderAtStartAndKeepsTheModelUnderTheModelDir() {
        context.withPropertyValues("kefu.triage.folder=triage",
                        "kefu.triage.model-dir=" + tmp.resolve("models"))
                .run(ctx -> {
                    TriageResult result = ctx.getBean(TriageService.class)
                            .classify("我要退款", "zh");

                    assertThat(result.topIntent().label()).isEqualTo("refund");
                    assertThat(ctx).doesNotHaveBean(OnnxIntentClassifier.class);
                    assertThat(tmp.resolve("models/model.bin")).isRegularFile();
                });
    }

    @Test
    void fallsBackToTheSeedPackedInTheJarWhenTheFolderIsMissing() {
        context.withPropertyValues("kefu.triage.folder=" + tmp.resolve("absent"),
                        "kefu.triage.model-dir=" + tmp.resolve("models"))
                .run(ctx -> {
                    assertThat(ctx.getBean(TriageService.class).classify("hello", null)
                            .topIntent().label()).isEqualTo("greeting");
                    assertThat(tmp.resolve("models/seed/intents/en.csv")).isRegularFile();
                });
    }

    @Test
    void switchesIntentsToTheOnnxModelWhenAPathIsConfigured() throws Exception {
        Path model = tmp.resolve("intents.onnx");
        Path labels = tmp.resolve("labels.txt");
        Files.write(model, io.kefu.triage.onnx.OnnxTestModels.tiny());
        Files.write(labels, io.kefu.triage.onnx.OnnxTestModels.LABELS);

        context.withPropertyValues("kefu.triage.folder=triage",
                        "kefu.triage.model-dir=" + tmp.resolve("models"),
                        "kefu.triage.onnx.model-path=" + model,
                        "kefu.triage.onnx.labels-path=" + labels)
                .run(ctx -> {
                    TriageResult result = ctx.getBean(TriageService.class)
                            .classify("你好，在吗", null);

                    assertThat(result.modelVersion()).startsWith("onnx:intents.onnx");
                    assertThat(result.topIntent().label()).isEqualTo("greeting");
                });
    }

    @Test
    void distilsTheEncoderIntoAStaticTableBesideItWhenTheModeIsStatic() throws Exception {
        Path encoderDir = Files.createDirectories(tmp.resolve("encoder"));
        Path model = Files.write(encoderDir.resolve("tiny.onnx"),
                io.kefu.triage.onnx.OnnxTestModels.tokenEncoder());
        Path tokenizer = Files.writeString(encoderDir.resolve("tokenizer.json"),
                io.kefu.triage.onnx.OnnxTestModels.tokenizer());

        context.withPropertyValues("kefu.triage.folder=triage",
                        "kefu.triage.model-dir=" + tmp.resolve("models"),
                        "kefu.triage.encoder.model-path=" + model,
                        "kefu.triage.encoder.tokenizer-path=" + tokenizer,
                        "kefu.triage.encoder.mode=static")
                .run(ctx -> {
                    TextEncoder encoder = ctx.getBean(TextEncoder.class);

                    assertThat(encoder).isInstanceOf(StaticEmbeddingEncoder.class);
                    assertThat(ctx.getBean(TriageModelRegistry.class).current().intents()
                            .encoder()).isSameAs(encoder);
                    try (var tables = Files.list(encoderDir)) {
                        assertThat(tables.map(p -> p.getFileName().toString()))
                                .anyMatch(name -> name.startsWith("static-")
                                        && name.endsWith("-mean-pca256-zipf.bin"));
                    }
                });
    }

    @Test
    void tunesTheStaticTableToTheTrainingTextsWhenAskedAndServesTheTunedEncoder()
            throws Exception {
        Path encoderDir = Files.createDirectories(tmp.resolve("encoder"));
        Path model = Files.write(encoderDir.resolve("tiny.onnx"),
                io.kefu.triage.onnx.OnnxTestModels.tokenEncoder());
        Path tokenizer = Files.writeString(encoderDir.resolve("tokenizer.json"),
                io.kefu.triage.onnx.OnnxTestModels.tokenizer());
        ApplicationContextRunner tuned = context.withPropertyValues("kefu.triage.folder=triage",
                "kefu.triage.model-dir=" + tmp.resolve("models"),
                "kefu.triage.encoder.model-path=" + model,
                "kefu.triage.encoder.tokenizer-path=" + tokenizer,
                "kefu.triage.encoder.mode=static",
                "kefu.triage.encoder.static-tuning=linear");
        String[] trainedWith = new String[2];

        tuned.run(ctx -> {
            TextEncoder intents = ctx.getBean(TriageModelRegistry.class).current().intents()
                    .encoder();

            assertThat(ctx.getBean(TextEncoder.class)).isInstanceOf(StaticEncoderTuning.class);
            assertThat(intents).isInstanceOf(TunedStaticEncoder.class);
            trainedWith[0] = intents.fingerprint();
            trainedWith[1] = ctx.getBean(TriageModelRegistry.class).current().version();
            try (var files = Files.list(encoderDir)) {
                assertThat(files.map(p -> p.getFileName().toString()))
                        .anyMatch(name -> name.startsWith("map-") && name.endsWith(".bin"));
            }
        });
        // a restart reads the model file (same version: not retrained) and finds its map
        tuned.run(ctx -> {
            TriageModel current = ctx.getBean(TriageModelRegistry.class).current();
            assertThat(current.version()).isEqualTo(trainedWith[1]);
            assertThat(current.intents().encoder().fingerprint()).isEqualTo(trainedWith[0]);
        });
    }
}
