package io.kefu.tools.triage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The triage-eval command's output contract: its last line is one JSON object of figures. */
class TriageEvalTest {

    @TempDir
    Path tmp;

    @Test
    void printsSingleLabelFiguresAsTheLastLineForLabelFirstCsvWithABom() throws Exception {
        Path train = tmp.resolve("train.csv");
        Path test = tmp.resolve("test.csv");
        Files.writeString(train, "\uFEFFcat,review\n" + rows(
                "refund", "I want my money back", "refund me please", "please refund the order",
                "money back now", "I need a refund for this",
                "greeting", "hello there", "hi, good morning", "hey hello", "good evening",
                "hi hi"));
        Files.writeString(test, "cat,review\n" + rows(
                "refund", "\"can I have a refund, please\"", "greeting", "\"hello, hi\""));

        JsonNode figures = lastLine(main("--train", train.toString(), "--test", test.toString(),
                "--format", "csv", "--text", "review", "--label", "cat", "--dataset", "toy"));

        assertThat(figures.path("dataset").asText()).isEqualTo("toy");
        assertThat(figures.path("train_n").asInt()).isEqualTo(10);
        assertThat(figures.path("test_n").asInt()).isEqualTo(2);
        assertThat(figures.path("accuracy").asDouble()).isEqualTo(1.0);
        assertThat(figures.path("macro_f1").asDouble()).isEqualTo(1.0);
        assertThat(figures.has("micro_f1")).isFalse();
        assertThat(figures.path("train_seconds").asDouble()).isPositive();
        assertThat(figures.path("p50_us").asDouble()).isPositive()
                .isLessThanOrEqualTo(figures.path("p99_us").asDouble());
        assertThat(figures.path("cpu_p50_us").asDouble()).isPositive()
                .isLessThanOrEqualTo(figures.path("cpu_p99_us").asDouble());
    }

    @Test
    void printsMicroF1ForNluPlusPlusJsonWithADeterministicDevSplit() throws Exception {
        Path folds = tmp.resolve("fold0.json");
        StringBuilder json = new StringBuilder("[");
        String[][] data = {
            {"why is my card not working", "why", "not_working", "card"},
            {"my card does not work", "not_working", "card"},
            {"why was my transfer declined", "why", "transfer", "not_working"},
            {"the transfer failed", "transfer", "not_working"},
            {"how long does a transfer take", "how_long", "transfer"},
            {"how long until my new card arrives", "how_long", "card", "arrival"},
            {"when will the card arrive", "card", "arrival"},
            {"why is the card late", "why", "card", "arrival"},
        };
        for (int r = 0; r < 6; r++) {
            for (String[] row : data) {
                json.append(json.length() > 1 ? "," : "").append("{\"text\":\"")
                        .append(row[0]).append(" ").append(r).append("\",\"intents\":[");
                for (int i = 1; i < row.length; i++) {
                    json.append(i > 1 ? "," : "").append('"').append(row[i]).append('"');
                }
                json.append("]}");
            }
        }
        Files.writeString(folds, json.append("]"));
        String[] args = {"--train", folds.toString(), "--format", "nlupp", "--dev-split", "0.25",
            "--seed", "7"};

        JsonNode first = lastLine(main(args));
        JsonNode again = lastLine(main(args));

        assertThat(first.path("dataset").asText()).isEqualTo(tmp.getFileName().toString());
        assertThat(first.path("micro_f1").asDouble()).isGreaterThan(0.8);
        assertThat(first.has("macro_f1")).isTrue();
        assertThat(first.has("accuracy")).isFalse();
        assertThat(first.path("train_n").asInt() + first.path("test_n").asInt()).isEqualTo(48);
        assertThat(again.path("test_n")).isEqualTo(first.path("test_n"));
        assertThat(again.path("micro_f1")).isEqualTo(first.path("micro_f1"));
    }

    @Test
    void distilsTheEncoderIntoAStaticTableOnceAndReportsIt() throws Exception {
        Path model = Files.write(tmp.resolve("tiny.onnx"),
                io.kefu.triage.onnx.OnnxTestModels.tokenEncoder());
        Path tokenizer = Files.writeString(tmp.resolve("tokenizer.json"),
                io.kefu.triage.onnx.OnnxTestModels.tokenizer());
        Path train = tmp.resolve("train.csv");
        Path test = tmp.resolve("test.csv");
        Files.writeString(train, "label,text\n" + rows(
                "refund", "refund please", "a refund", "refund it", "my refund", "refund now",
                "greeting", "card arrived", "the card arrived", "arrived", "card", "my card"));
        Files.writeString(test, "label,text\n"
                + rows("refund", "refund it please", "greeting", "the card"));
        String[] args = {"--train", train.toString(), "--test", test.toString(),
            "--encoder", model.toString(), "--tokenizer", tokenizer.toString(),
            "--encoder-mode", "static", "--encoder-weights", "0.5"};

        JsonNode first = lastLine(main(args));
        JsonNode again = lastLine(main(args));

        assertThat(first.path("encoder_mode").asText()).isEqualTo("static");
        assertThat(first.path("static_recipe").asText()).isEqualTo("mean-pca256-zipf");
        assertThat(first.path("distill_seconds").asDouble()).isPositive();
        assertThat(again.path("distill_seconds").asDouble()).isZero();
        assertThat(again.path("encoder_sha256")).isEqualTo(first.path("encoder_sha256"));
        // the table sits beside the encoder, under the name the report gives after "static:"
        assertThat(tmp.resolve(first.path("encoder").asText().substring("static:".length())))
                .isRegularFile();
    }

    @Test
    void tunesTheStaticTableOnTheTrainingTextsOnly() throws Exception {
        Path model = Files.write(tmp.resolve("tiny.onnx"),
                io.kefu.triage.onnx.OnnxTestModels.tokenEncoder());
        Path tokenizer = Files.writeString(tmp.resolve("tokenizer.json"),
                io.kefu.triage.onnx.OnnxTestModels.tokenizer());
        Path train = tmp.resolve("train.csv");
        Path test = tmp.resolve("test.csv");
        Files.writeString(train, "label,text\n" + rows(
                "refund", "refund please", "a refund", "refund it", "my refund", "refund now",
                "greeting", "card arrived", "the card arrived", "arrived", "card", "my card"));
        Files.writeString(test, "label,text\n"
                + rows("refund", "refund it please", "greeting", "the card"));
        String[] args = {"--train", train.toString(), "--test", test.toString(),
            "--encoder", model.toString(), "--tokenizer", tokenizer.toString(),
            "--encoder-mode", "static", "--static-tuning", "linear",
            "--encoder-weights", "0.5"};

        JsonNode first = lastLine(main(args));
        JsonNode again = lastLine(main(args));

        // the ten training texts, not the two test texts
        assertThat(first.path("tuning_texts").asInt()).isEqualTo(10);
        assertThat(first.path("tuning_seconds").asDouble()).isPositive();
        assertThat(first.path("encoder_sha256").asText()).contains("+map:sha256:");
        assertThat(again.path("encoder_sha256")).isEqualTo(first.path("encoder_sha256"));
        assertThat(again.path("accuracy")).isEqualTo(first.path("accuracy"));
    }

    @Test
    void rejectsAskingForBothTestFilesAndADevSplit() {
        assertThatThrownBy(() -> TriageEval.run(new String[] {"--train", "a.csv", "--test",
            "b.csv", "--dev-split", "0.2"}, System.err))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("either --test files or --dev-split");
    }

    private static String rows(String... labelTextPairs) {
        StringBuilder csv = new StringBuilder();
        for (int i = 0; i < labelTextPairs.length; ) {
            String label = labelTextPairs[i++];
            while (i < labelTextPairs.length && !List.of("refund", "greeting")
                    .contains(labelTextPairs[i])) {
                csv.append(label).append(',').append(labelTextPairs[i++]).append('\n');
            }
        }
        return csv.toString();
    }

    private static String main(String... args) {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            TriageEval.main(args);
        } finally {
            System.setOut(original);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }

    private static JsonNode lastLine(String output) throws Exception {
        String[] lines = output.strip().split("\n");
        return new ObjectMapper().readTree(lines[lines.length - 1]);
    }
}
