package io.kefu.triage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The shipped {@code triage/intent-topics.yaml} over the seed model: the topic a ticket gets. */
class IntentTopicsTest {

    @TempDir
    static Path modelDir;

    static TriageService triage;
    static IntentTopics shipped;

    @BeforeAll
    static void trainFromTheShippedSeed() {
        TriageModelRegistry registry = new TriageModelRegistry(Path.of("triage"), modelDir);
        registry.start();
        triage = new TriageService(registry, null);
        shipped = new IntentTopics(registry.folder().resolve("intent-topics.yaml"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            The app crashes with an error every time I log in | technical
            我的发票金额不对，多扣了钱                          | billing
            快递一个星期了还没到                                | order
            I forgot my password and can't sign in              | account
            where is my parcel?!                                | order
            退款什么时候到账                                    | billing
            """)
    void messagesGetTheTopicOfTheirMostConfidentMappedIntent(String text, String topic) {
        assertThat(shipped.topicOf(triage.classify(text, null).intents())).contains(topic);
    }

    @Test
    void aMessageWhoseIntentsAreNotMappedHasNoTopic() {
        assertThat(shipped.topicOf(List.of(new IntentScore("greeting", 0.9)))).isEmpty();
    }

    @Test
    void anEditedFileAppliesToTheNextMessageAndABrokenOneKeepsTheLastMapping(@TempDir Path folder)
            throws IOException {
        Path file = folder.resolve("intent-topics.yaml");
        Files.writeString(file, "refund: billing\n");
        IntentTopics topics = new IntentTopics(file);
        List<IntentScore> refund = List.of(new IntentScore("complaint", 0.8), new IntentScore("refund", 0.7));
        assertThat(topics.topicOf(refund)).contains("billing");

        Files.writeString(file, "refund: order\ncomplaint: general\n");
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(5)));
        assertThat(topics.topicOf(refund)).contains("general");

        Files.writeString(file, "refund: [not, a, topic]\n");
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(10)));
        assertThat(topics.topicOf(refund)).as("the last good mapping stays").contains("general");
    }

    @Test
    void aMissingFileMapsNothing(@TempDir Path folder) {
        assertThat(new IntentTopics(folder.resolve("absent.yaml"))
                .topicOf(List.of(new IntentScore("refund", 1.0)))).isEmpty();
    }
}
