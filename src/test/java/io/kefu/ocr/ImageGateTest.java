package io.kefu.ocr;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;

import static io.kefu.testing.TestImages.png;
import static io.kefu.testing.TestImages.pngWithHeader;
import static io.kefu.testing.TestImages.webp;
import static io.kefu.testing.TestImages.webpBitstream;
import static io.kefu.testing.TestImages.webpWithHeader;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The image gate on images the test makes: good ones decoded, hostile ones refused with a reason. */
class ImageGateTest {

    private final ImageGate gate = new ImageGate(4_000_000);

    @Test
    void decodesAScreenshotAtItsOwnSize() throws Exception {
        ImageGate.Decoded decoded = gate.open(png(screenshot(1280, 800)));

        assertThat(decoded.image().getWidth()).isEqualTo(1280);
        assertThat(decoded.image().getHeight()).isEqualTo(800);
        assertThat(decoded.downscaled()).isFalse();
        assertThat(new Color(decoded.image().getRGB(5, 5))).isEqualTo(Color.WHITE);
    }

    @Test
    void refusesAPngWhoseHeaderAnnouncesTenBillionPixelsWithoutDecodingIt() {
        byte[] bomb = pngWithHeader(100_000, 100_000);

        assertThatThrownBy(() -> gate.open(bomb)).isInstanceOf(ImageRefusedException.class)
                .hasMessageContaining("100000×100000 = 10,000,000,000 pixels")
                .hasMessageContaining("decompression bomb");
    }

    @Test
    void refusesATruncatedPng() throws Exception {
        byte[] whole = png(screenshot(640, 400));
        byte[] cut = Arrays.copyOf(whole, whole.length / 2);

        assertThatThrownBy(() -> gate.open(cut)).isInstanceOf(ImageRefusedException.class)
                .hasMessageStartingWith("Truncated or corrupt");
    }

    @Test
    void refusesATruncatedJpeg() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(screenshot(640, 400), "jpeg", out);
        byte[] cut = Arrays.copyOf(out.toByteArray(), out.size() / 2);

        assertThatThrownBy(() -> gate.open(cut)).isInstanceOf(ImageRefusedException.class)
                .hasMessageStartingWith("Truncated or corrupt");
    }

    @Test
    void refusesAnHtmlPageNamedPngByItsContent() {
        byte[] html = "<!DOCTYPE html><html><body><script>alert(1)</script></body></html>"
                .getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> gate.open(html)).isInstanceOf(ImageRefusedException.class)
                .hasMessageContaining("Not an image").hasMessageContaining("text/html");
    }

    @Test
    void refusesAnEmptyFile() {
        assertThatThrownBy(() -> gate.open(new byte[0])).isInstanceOf(ImageRefusedException.class)
                .hasMessage("The file is empty");
    }

    @Test
    void downscalesAnImageOverTheLimitKeepingItsAspect() throws Exception {
        ImageGate small = new ImageGate(250_000);

        ImageGate.Decoded decoded = small.open(png(screenshot(2000, 1000)));

        assertThat(decoded.downscaled()).isTrue();
        assertThat((long) decoded.image().getWidth() * decoded.image().getHeight()).isLessThanOrEqualTo(250_000);
        assertThat(decoded.image().getWidth()).isBetween(700, 708);
        assertThat(decoded.image().getHeight()).isBetween(350, 354);
        assertThat(decoded.width()).as("the size the header announced").isEqualTo(2000);
    }

    @Test
    void decodesSubsampledWhenFarOverTheLimitButUnderTheBombFactor() throws Exception {
        ImageGate tiny = new ImageGate(100_000);

        ImageGate.Decoded decoded = tiny.open(png(screenshot(1600, 900)));

        assertThat((long) decoded.image().getWidth() * decoded.image().getHeight()).isLessThanOrEqualTo(100_000);
        assertThat(decoded.image().getWidth()).isGreaterThan(250);
    }

    @Test
    void refusesJustOverTheBombFactor() throws Exception {
        ImageGate tiny = new ImageGate(10_000);

        assertThatThrownBy(() -> tiny.open(png(screenshot(401, 400)))).isInstanceOf(ImageRefusedException.class)
                .hasMessageContaining("401×400");
        assertThat(tiny.open(png(screenshot(400, 400))).image().getWidth()).as("16 × 10,000 exactly is read")
                .isEqualTo(100);
    }

    @Test
    void decodesALossyWebpWrittenByChromium() throws Exception {
        assumeTrue(io.kefu.testing.TestImages.webpEncoderInstalled(), "Chromium encodes the test's WebP");
        byte[] lossy = webp(screenshot(1280, 800), 0.8);
        assertThat(webpBitstream(lossy)).isEqualTo("VP8 ");

        ImageGate.Decoded decoded = gate.open(lossy);

        assertThat(decoded.image().getWidth()).isEqualTo(1280);
        assertThat(decoded.image().getHeight()).isEqualTo(800);
        assertThat(decoded.downscaled()).isFalse();
        Color corner = new Color(decoded.image().getRGB(5, 5));
        assertThat(corner.getRed() + corner.getGreen() + corner.getBlue()).as("white, give or take the lossy coding")
                .isGreaterThan(3 * 245);
    }

    @Test
    void decodesALosslessWebpWrittenByChromiumPixelForPixel() throws Exception {
        assumeTrue(io.kefu.testing.TestImages.webpEncoderInstalled(), "Chromium encodes the test's WebP");
        BufferedImage source = screenshot(640, 400);
        byte[] lossless = webp(source, 1.0);
        assertThat(webpBitstream(lossless)).isEqualTo("VP8L");

        BufferedImage decoded = gate.open(lossless).image();

        assertThat(decoded.getWidth()).isEqualTo(640);
        int differing = 0;
        for (int y = 0; y < 400; y++) {
            for (int x = 0; x < 640; x++) {
                if ((decoded.getRGB(x, y) & 0xffffff) != (source.getRGB(x, y) & 0xffffff)) {
                    differing++;
                }
            }
        }
        assertThat(differing).as("pixels that differ from the source").isZero();
    }

    @Test
    void refusesAWebpWhoseHeaderAnnouncesTheLargestCanvasWithoutDecodingIt() {
        byte[] bomb = webpWithHeader(16_384, 16_384);

        assertThatThrownBy(() -> gate.open(bomb)).isInstanceOf(ImageRefusedException.class)
                .hasMessageContaining("WEBP header announces 16384×16384 = 268,435,456 pixels")
                .hasMessageContaining("decompression bomb");
    }

    @Test
    void refusesATruncatedWebp() throws Exception {
        assumeTrue(io.kefu.testing.TestImages.webpEncoderInstalled(), "Chromium encodes the test's WebP");
        byte[] whole = webp(screenshot(640, 400), 0.8);
        byte[] cut = Arrays.copyOf(whole, whole.length / 2);

        assertThatThrownBy(() -> gate.open(cut)).isInstanceOf(ImageRefusedException.class)
                .hasMessageStartingWith("Truncated or corrupt");
    }

    @Test
    void decodesALargeWebpWithinTheLimit() throws Exception {
        assumeTrue(io.kefu.testing.TestImages.webpEncoderInstalled(), "Chromium encodes the test's WebP");
        ImageGate tiny = new ImageGate(100_000);

        ImageGate.Decoded decoded = tiny.open(webp(screenshot(1600, 900), 0.8));

        assertThat((long) decoded.image().getWidth() * decoded.image().getHeight()).isLessThanOrEqualTo(100_000);
        assertThat(decoded.image().getWidth()).isGreaterThan(250);
        assertThat(decoded.width()).as("the size the header announced").isEqualTo(1600);
    }

    static BufferedImage screenshot(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, Math.max(10, height / 20)));
        g.drawString("Error 1043: payment failed", width / 10, height / 2);
        g.dispose();
        return image;
    }
}
