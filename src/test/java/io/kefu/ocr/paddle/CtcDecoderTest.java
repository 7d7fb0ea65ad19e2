package io.kefu.ocr.paddle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

class CtcDecoderTest {

    // classes: 0 blank, 1 a, 2 b, 3 订, 4 单, 5 space
    private final CtcDecoder decoder = new CtcDecoder(List.of("a", "b", "订", "单"));

    private static float[] steps(int classes, int[] best, float[] p, float[] spaceP) {
        float[] probs = new float[best.length * classes];
        for (int t = 0; t < best.length; t++) {
            probs[t * classes + best[t]] = p[t];
            if (best[t] == 0) {
                probs[t * classes + classes - 1] = spaceP[t];
            }
        }
        return probs;
    }

    @Test
    void collapsesRepeatsAndDropsBlanks() {
        float[] probs = steps(6, new int[] {1, 1, 0, 1, 2, 2, 0},
                new float[] {0.9f, 0.8f, 0.99f, 0.7f, 0.6f, 0.9f, 0.99f}, new float[7]);
        CtcDecoder.Decoded d = decoder.decode(probs, 0, 7);
        assertThat(d.text()).isEqualTo("aab");
        // The first step of each kept run: 0.9, 0.7, 0.6.
        assertThat(d.confidence()).isCloseTo((0.9 + 0.7 + 0.6) / 3, within(1e-6));
    }

    @Test
    void aSpaceRisingInTheGapBetweenLatinLettersBecomesASpaceButNotBetweenChinese() {
        float[] spaces = {0, 0.02f, 0, 0, 0.02f, 0};
        CtcDecoder.Decoded latin = decoder.decode(steps(6, new int[] {1, 0, 2, 3, 0, 4},
                new float[] {1, 0.98f, 1, 1, 0.98f, 1}, spaces), 0, 6);
        assertThat(latin.text()).isEqualTo("a b订单");
        CtcDecoder.Decoded inWord = decoder.decode(steps(6, new int[] {1, 0, 2},
                new float[] {1, 0.99f, 1}, new float[] {0, 0.0001f, 0}), 0, 3);
        assertThat(inWord.text()).isEqualTo("ab");
    }

    @Test
    void theSpaceLevelBetweenTheBoldPAndAOfPaymentStaysInsideTheWord() {
        // What the recogniser gave between "P" and "a" of a bold 28 px "Payment failed" (0.0001, 0.0015),
        // and across the word gap (0.1479, then the space class itself most probable).
        float[] spaces = {0, 0.0001f, 0.0015f, 0, 0.1479f, 0};
        CtcDecoder.Decoded d = decoder.decode(steps(6, new int[] {1, 0, 0, 2, 0, 1},
                new float[] {1, 0.99f, 0.99f, 1, 0.85f, 1}, spaces), 0, 6);
        assertThat(d.text()).isEqualTo("ab a");
    }

    @Test
    void readsTheDictionaryAndCountsBlankAndSpace() throws Exception {
        CtcDecoder read = CtcDecoder.read(new ByteArrayInputStream("订\n单\nA\n".getBytes(StandardCharsets.UTF_8)));
        assertThat(read.classCount()).isEqualTo(5);
    }

    @Test
    void anEmptyLineHasNoConfidence() {
        assertThat(decoder.decode(new float[6 * 3], 0, 3)).isEqualTo(new CtcDecoder.Decoded("", 0));
    }
}
