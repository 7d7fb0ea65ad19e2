package io.kefu.ocr.paddle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.awt.Color;

import org.junit.jupiter.api.Test;

class DetectionInputTest {

    @Test
    void keepsAScreenshotAtItsOwnSizeWhenBothSidesAreMultiplesOf32() {
        DetectionInput in = DetectionInput.of(RgbImage.of(RenderedText.lines(1280, 800, 16, 10, 10,
                30, Color.BLACK, Color.WHITE, "订单")), 1280);
        assertThat(in.width()).isEqualTo(1280);
        assertThat(in.height()).isEqualTo(800);
        assertThat(in.shape()).containsExactly(1, 3, 800, 1280);
        assertThat(in.data()).hasSize(3 * 800 * 1280);
    }

    @Test
    void scalesALargeImageDownToTheSideLimitAndRoundsTo32() {
        DetectionInput in = DetectionInput.of(RgbImage.of(RenderedText.lines(2560, 1000, 40, 10, 10,
                60, Color.BLACK, Color.WHITE, "Order")), 1280);
        assertThat(in.width()).isEqualTo(1280);
        assertThat(in.height()).isEqualTo(512); // 500 rounded to a multiple of 32
        assertThat(in.scaleX()).isEqualTo(2.0);
        assertThat(in.scaleY()).isCloseTo(1000 / 512.0, within(1e-9));
    }

    @Test
    void neverEnlargesASmallImageBeyondRounding() {
        DetectionInput in = DetectionInput.of(RgbImage.of(RenderedText.lines(100, 20, 12, 2, 2, 14,
                Color.BLACK, Color.WHITE, "OK")), 1280);
        assertThat(in.width()).isEqualTo(96);
        assertThat(in.height()).isEqualTo(32);
    }

    @Test
    void normalisesWithImageNetStatisticsInBlueGreenRedOrder() {
        DetectionInput in = DetectionInput.of(RgbImage.of(RenderedText.lines(64, 64, 12, 2, 2, 14,
                Color.BLACK, new Color(255, 0, 0))), 1280);
        int plane = 64 * 64;
        assertThat(in.data()[0]).isCloseTo((0 - 0.406f) / 0.225f, within(1e-5f)); // blue
        assertThat(in.data()[plane]).isCloseTo((0 - 0.456f) / 0.224f, within(1e-5f)); // green
        assertThat(in.data()[2 * plane]).isCloseTo((1 - 0.485f) / 0.229f, within(1e-5f)); // red
    }
}
