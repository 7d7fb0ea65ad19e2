package io.kefu.ocr.paddle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.awt.Color;
import java.util.List;

import org.junit.jupiter.api.Test;

class RecognitionBatchesTest {

    private static RgbImage strip(int w, int h) {
        return RgbImage.of(RenderedText.lines(w, h, Math.max(8, h - 8), 2, 2, h, Color.BLACK,
                Color.WHITE, "订单已发货"));
    }

    @Test
    void scalesToHeight48AndPadsToTheWidestOfTheBatchAndItsTail() {
        List<RecognitionBatches.Batch> batches = RecognitionBatches.of(
                List.of(strip(100, 24), strip(120, 24)), 6, 1.5);
        assertThat(batches).hasSize(1);
        RecognitionBatches.Batch b = batches.get(0);
        assertThat(b.shape()).containsExactly(2, 3, 48, 240 + RecognitionBatches.TAIL);
        // The narrower strip (200 px at height 48) is padded with 0 (mid grey after
        // normalisation); white paper is 1.
        int narrower = b.lines()[0] == 0 ? 0 : 1;
        int row = narrower * 3 * 48 * (int) b.shape()[3];
        assertThat(b.data()[row]).isCloseTo(1f, within(1e-6f));
        assertThat(b.data()[row + 199]).isCloseTo(1f, within(1e-6f));
        assertThat(b.data()[row + 200]).isEqualTo(0f);
        assertThat(b.data()[row + 263]).isEqualTo(0f);
    }

    @Test
    void aLineAloneInItsRunGetsOnlyTheTail() {
        List<RecognitionBatches.Batch> batches = RecognitionBatches.of(List.of(strip(60, 24), strip(300, 24)), 1, 1.2);

        assertThat(batches).extracting(RecognitionBatches.Batch::width).containsExactly(144, 624);
    }

    @Test
    void groupsLinesOfSimilarWidthTogether() {
        List<RgbImage> strips = List.of(strip(1200, 24), strip(100, 24), strip(1100, 24),
                strip(90, 24));
        List<RecognitionBatches.Batch> batches = RecognitionBatches.of(strips, 6, 1.5);
        assertThat(batches).hasSize(2);
        assertThat(batches.get(0).lines()).containsExactlyInAnyOrder(1, 3);
        assertThat(batches.get(1).lines()).containsExactlyInAnyOrder(0, 2);
        assertThat(batches.get(0).width()).isEqualTo(224);
        assertThat(batches.get(1).width()).isEqualTo(2424);
    }

    @Test
    void capsTheBatchSize() {
        List<RgbImage> strips = java.util.Collections.nCopies(8, strip(100, 24));
        assertThat(RecognitionBatches.of(strips, 6, 1.5)).extracting(b -> b.lines().length)
                .containsExactly(6, 2);
    }
}
