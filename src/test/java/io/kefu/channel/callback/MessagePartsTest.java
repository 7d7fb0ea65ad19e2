package io.kefu.channel.callback;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Long replies cut into parts a platform takes whole: by UTF-8 bytes, at line breaks or spaces, never inside a character. */
class MessagePartsTest {

    @Test
    void aReplyThatFitsIsOnePart() {
        assertThat(MessageParts.split("您好, thanks", 2048)).containsExactly("您好, thanks");
    }

    @Test
    void cutsAtTheLastLineBreakOrSpaceThatFits() {
        assertThat(MessageParts.split("first line\nsecond line", 16)).containsExactly("first line", "second line");
        assertThat(MessageParts.split("alpha beta gamma", 11)).containsExactly("alpha beta", "gamma");
    }

    @Test
    void cutsChineseTextBetweenCharactersByBytes() {
        String text = "我".repeat(1000); // 3,000 bytes
        List<String> parts = MessageParts.split(text, 2048);
        assertThat(parts).hasSize(2);
        assertThat(parts.get(0)).hasSize(682);
        assertThat(String.join("", parts)).isEqualTo(text);
        assertThat(parts).allSatisfy(p -> assertThat(p.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(2048));
    }

    @Test
    void neverSplitsASurrogatePair() {
        String text = "😀".repeat(10); // 4 bytes each
        List<String> parts = MessageParts.split(text, 10);
        assertThat(parts).containsExactly("😀😀", "😀😀", "😀😀", "😀😀", "😀😀");
    }
}
