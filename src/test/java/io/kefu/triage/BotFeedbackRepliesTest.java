package io.kefu.triage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The shipped {@code triage/bot-feedback.yaml}: which replies to the bot mean "solved". */
class BotFeedbackRepliesTest {

    static final BotFeedbackReplies SHIPPED = new BotFeedbackReplies(Path.of("triage/bot-feedback.yaml"));

    @ParameterizedTest
    @ValueSource(strings = {"yes", "Yes, thanks!", "ok thank you", "It worked :)", "解决了", "好的，谢谢！", "嗯嗯 有用",
            "是的"})
    void plainConfirmationsInBothLanguagesMeanSolved(String reply) {
        assertThat(SHIPPED.confirmsSolved(reply)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"no", "not solved", "没解决", "没有用", "yes but my card is still blocked",
            "I need a human", "转人工", "", "   ", "?!"})
    void anythingElseIsNotAConfirmation(String reply) {
        assertThat(SHIPPED.confirmsSolved(reply)).isFalse();
    }
}
