package io.kefu.triage;

import static org.assertj.core.api.Assertions.assertThat;

import io.kefu.text.Language;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Behaviour of the models trained from the seed shipped in {@code triage/}, on messages that are
 * not in the seed.
 */
class TriageServiceTest {

    @TempDir
    static Path modelDir;

    static TriageService triage;
    static double seedTrainingSeconds;

    @BeforeAll
    static void trainFromTheShippedSeed() {
        TriageModelRegistry registry = new TriageModelRegistry(Path.of("triage"), modelDir);
        long started = System.nanoTime();
        registry.start();
        seedTrainingSeconds = (System.nanoTime() - started) / 1e9;
        triage = new TriageService(registry, null);
    }

    @Test
    void findsDeliveryDelayAndComplaintInAnAngryChineseQuestion() {
        TriageResult result = triage.classify("物流怎么还没到？！", null);

        assertThat(result.language()).isEqualTo(Language.ZH);
        assertThat(labels(result)).containsAnyOf("shipping_delay", "order_status")
                .contains("complaint");
    }

    @Test
    void findsDeliveryDelayAndComplaintInAnAngryEnglishQuestion() {
        TriageResult result = triage.classify("where is my parcel?!", null);

        assertThat(result.language()).isEqualTo(Language.EN);
        assertThat(labels(result)).containsAnyOf("shipping_delay", "order_status")
                .contains("complaint");
    }

    @Test
    void findsASingleIntentInACalmQuestion() {
        TriageResult result = triage.classify("请问这款耳机有白色的吗", null);

        assertThat(result.topIntent().label()).isEqualTo("product_info");
        assertThat(labels(result)).doesNotContain("complaint");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            我买的裙子不合身，想把钱要回来        | refund
            这个月话费怎么多扣了三十块           | billing
            打开应用就崩溃，重装也没用           | technical
            手机号换了，账号怎么改绑             | account
            帮我叫一个人工客服来                 | human_agent
            早上好呀                             | greeting
            我的订单发出来了吗                   | order_status
            I'd like my money back for these shoes | refund
            Why was my card charged two times?   | billing
            The app crashes every time I open it | technical
            How can I reset my password?         | account
            Can I talk to a real agent please    | human_agent
            Good morning!                        | greeting
            Does this laptop come with a warranty? | product_info
            """)
    void ranksTheRightIntentFirstInBothLanguages(String text, String intent) {
        assertThat(triage.classify(text, null).topIntent().label()).isEqualTo(intent);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            你们就是一群骗子，东西烂透了，我要投诉到底！ | zh
            Worst company ever, the product is junk and nobody helps, I'm furious! | en
            """)
    void scoresAbusiveMessagesAsStronglyNegative(String text, String language) {
        Sentiment sentiment = triage.classify(text, language).sentiment();

        assertThat(sentiment.polarity()).isEqualTo(Sentiment.Polarity.NEGATIVE);
        assertThat(sentiment.score()).isLessThanOrEqualTo(Sentiment.STRONGLY_NEGATIVE);
        assertThat(sentiment.stronglyNegative()).isTrue();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            太感谢了，问题解决得很快，非常满意      | POSITIVE
            Thanks a lot, that was quick and very helpful | POSITIVE
            请问发票怎么开                         | NEUTRAL
            How do I update my address?            | NEUTRAL
            """)
    void tellsPraiseFromPlainQuestions(String text, Sentiment.Polarity polarity) {
        Sentiment sentiment = triage.classify(text, null).sentiment();

        assertThat(sentiment.polarity()).isEqualTo(polarity);
        assertThat(sentiment.stronglyNegative()).isFalse();
    }

    @Test
    void honoursTheCallersLanguageHint() {
        assertThat(triage.classify("iPhone 15 还有货吗", "zh-CN").language())
                .isEqualTo(Language.ZH);
        assertThat(triage.classify("退款 refund please", "en").language())
                .isEqualTo(Language.EN);
    }

    @Test
    void trainsTheSeedInWellUnderTwoSeconds() {
        // generous for a shared CI core; typically a fraction of a second once smartcn is loaded
        assertThat(seedTrainingSeconds).isLessThan(4);
    }

    private static List<String> labels(TriageResult result) {
        return result.intents().stream().map(IntentScore::label).toList();
    }
}
