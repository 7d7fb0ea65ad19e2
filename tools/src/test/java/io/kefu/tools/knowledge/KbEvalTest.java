package io.kefu.tools.knowledge;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The kb-eval command's output contract: its last line is one JSON object of figures. */
class KbEvalTest {

    @TempDir
    Path tmp;

    @Test
    void printsRetrievalFiguresAndThresholdsAsTheLastLine() throws Exception {
        Path data = tmp.resolve("intents.csv");
        StringBuilder csv = new StringBuilder("\uFEFFtext,category\n");
        String[][] intents = {
            {"card_arrival", "my card has not arrived", "when will my new card arrive", "card still not here",
                "waiting for my card to arrive", "has my card been sent", "card delivery is late"},
            {"exchange_rate", "what exchange rate do you use", "exchange rate for euros", "how is the rate set",
                "is the exchange rate fair", "rate when exchanging dollars", "exchange rate fees"},
            {"lost_card", "I lost my card", "my card was stolen", "cannot find my card anywhere",
                "card lost on holiday", "someone stole my wallet and card", "lost card what now"},
        };
        for (String[] intent : intents) {
            for (int i = 1; i < intent.length; i++) {
                csv.append('"').append(intent[i]).append("\",").append(intent[0]).append('\n');
            }
        }
        Files.writeString(data, csv);

        JsonNode figures = lastLine(main("--data", data.toString(), "--article-share", "0.5", "--dataset", "toy",
                "--thresholds", "0,0.99", "--latency-samples", "10"));

        assertThat(figures.path("dataset").asText()).isEqualTo("toy");
        assertThat(figures.path("articles").asInt()).isEqualTo(3);
        assertThat(figures.path("queries").asInt()).isPositive().isLessThan(18);
        assertThat(figures.path("hit_at_1").asDouble()).isBetween(0.5, 1.0);
        assertThat(figures.path("hit_at_3").asDouble()).isGreaterThanOrEqualTo(figures.path("hit_at_1").asDouble());
        assertThat(figures.path("p50_us").asDouble()).isPositive()
                .isLessThanOrEqualTo(figures.path("p99_us").asDouble());
        JsonNode everything = figures.path("thresholds").get(0);
        assertThat(everything.path("threshold").asDouble()).isZero();
        assertThat(everything.path("coverage").asDouble()).isEqualTo(1.0);
        assertThat(everything.path("precision").asDouble()).isEqualTo(figures.path("hit_at_1").asDouble());
    }

    @Test
    void namesTheMissingColumn() {
        Path data = tmp.resolve("wrong.csv");
        assertThatThrownBy(() -> {
            Files.writeString(data, "sentence,topic\nhello,greeting\n");
            KbEval.run(new String[] {"--data", data.toString(), "--label", "intent"}, System.err);
        }).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no column [intent]");
    }

    @Test
    void humanisesIntentNamesIntoTitles() {
        assertThat(KbEval.humanise("card_arrival")).isEqualTo("Card arrival");
        assertThat(KbEval.humanise("app")).isEqualTo("App");
    }

    private static String main(String... args) {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            KbEval.main(args);
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
