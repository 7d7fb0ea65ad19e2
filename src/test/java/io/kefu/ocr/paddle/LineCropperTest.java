package io.kefu.ocr.paddle;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;

import org.junit.jupiter.api.Test;

class LineCropperTest {

    @Test
    void cutsAnAxisAlignedBoxPixelForPixel() {
        RgbImage image = RgbImage.of(RenderedText.lines(200, 60, 20, 10, 10, 30, Color.BLACK,
                Color.WHITE, "订单"));
        TextBox box = new TextBox(50, 25, 40, 20, 0, 1);
        RgbImage strip = LineCropper.crop(image, box);
        assertThat(strip.width()).isEqualTo(40);
        assertThat(strip.height()).isEqualTo(20);
        // The strip's first pixel is the image's pixel at the box's top-left corner.
        assertThat(strip.rgb(0, 0)).isEqualTo(image.rgb(30, 15));
        assertThat(strip.rgb(39, 19)).isEqualTo(image.rgb(69, 34));
    }

    @Test
    void turnsATallStripAQuarterSoAVerticalLineReadsLeftToRight() {
        RgbImage image = RgbImage.of(RenderedText.lines(100, 200, 20, 10, 10, 30, Color.BLACK,
                Color.WHITE, "订"));
        RgbImage strip = LineCropper.crop(image, new TextBox(50, 100, 20, 90, 0, 1));
        assertThat(strip.width()).isEqualTo(90);
        assertThat(strip.height()).isEqualTo(20);
    }

    @Test
    void levelsASlantedBox() {
        // A dark bar rotated by 20°, cut along its own axes, is dark all along the strip's middle.
        java.awt.image.BufferedImage drawn = RenderedText.lines(200, 200, 10, 0, 0, 10, Color.BLACK,
                Color.WHITE);
        java.awt.Graphics2D g = drawn.createGraphics();
        g.setColor(Color.BLACK);
        g.rotate(Math.toRadians(20), 100, 100);
        g.fillRect(40, 95, 120, 10);
        g.dispose();
        RgbImage strip = LineCropper.crop(RgbImage.of(drawn),
                new TextBox(100, 100, 110, 20, Math.toRadians(20), 1));
        for (int x = 2; x < strip.width() - 2; x++) {
            assertThat(strip.rgb(x, strip.height() / 2) & 0xff).isLessThan(60);
            assertThat(strip.rgb(x, 1) & 0xff).isGreaterThan(200);
        }
    }
}
