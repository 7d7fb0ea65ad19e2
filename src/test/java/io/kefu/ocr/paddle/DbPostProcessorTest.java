package io.kefu.ocr.paddle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.AffineTransform;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.List;

import org.junit.jupiter.api.Test;

class DbPostProcessorTest {

    /** A probability map drawn with Java2D: white shapes are 1.0, the rest 0. */
    private static float[] map(BufferedImage drawn) {
        int w = drawn.getWidth();
        int h = drawn.getHeight();
        float[] p = new float[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                p[y * w + x] = (drawn.getRGB(x, y) & 0xff) / 255f;
            }
        }
        return p;
    }

    private static BufferedImage canvas(int w, int h) {
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.BLACK);
        g.fillRect(0, 0, w, h);
        g.dispose();
        return image;
    }

    @Test
    void growsEachShrunkTextKernelBackByTheUnclipDistance() {
        BufferedImage drawn = canvas(200, 100);
        Graphics2D g = drawn.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(20, 30, 101, 11); // pixel centres 20..120 x 30..40: a 100 x 10 kernel
        g.dispose();
        List<TextBox> boxes = DbPostProcessor.defaults().boxes(map(drawn), 200, 100, 1, 1);
        assertThat(boxes).hasSize(1);
        TextBox box = boxes.get(0);
        double d = 100 * 10 * 1.5 / (2 * (100 + 10)); // area * ratio / perimeter
        assertThat(box.width()).isCloseTo(100 + 2 * d, within(1e-6));
        assertThat(box.height()).isCloseTo(10 + 2 * d, within(1e-6));
        assertThat(box.cx()).isCloseTo(70, within(1e-6));
        assertThat(box.cy()).isCloseTo(35, within(1e-6));
        assertThat(box.angle()).isCloseTo(0, within(1e-9));
        assertThat(box.score()).isCloseTo(1, within(1e-6));
    }

    @Test
    void dropsSpecksThinnerThanTheMinimumAndRegionsBelowTheBoxThreshold() {
        BufferedImage drawn = canvas(200, 100);
        Graphics2D g = drawn.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(10, 10, 50, 2); // 2 px high: too thin
        g.setColor(new Color(128, 128, 128)); // 0.5: above the binarisation threshold, below 0.6
        g.fillRect(10, 50, 80, 12);
        g.dispose();
        assertThat(DbPostProcessor.defaults().boxes(map(drawn), 200, 100, 1, 1)).isEmpty();
    }

    @Test
    void findsASlantedLineAsARotatedRectangleAndScalesToTheSourceImage() {
        BufferedImage drawn = canvas(300, 200);
        Graphics2D g = drawn.createGraphics();
        g.setColor(Color.WHITE);
        g.setTransform(AffineTransform.getRotateInstance(Math.toRadians(10), 150, 100));
        g.fill(new Rectangle2D.Double(70, 92, 160, 16));
        g.dispose();
        List<TextBox> boxes = DbPostProcessor.defaults().boxes(map(drawn), 300, 200, 2, 2);
        assertThat(boxes).hasSize(1);
        TextBox box = boxes.get(0);
        assertThat(Math.toDegrees(box.angle())).isCloseTo(10, within(1.5));
        assertThat(box.cx()).isCloseTo(2 * 150, within(3.0));
        assertThat(box.cy()).isCloseTo(2 * 100, within(3.0));
        assertThat(box.width()).isGreaterThan(2 * 160);
    }

    @Test
    void minAreaRectOfAnAxisAlignedSquareOutline() {
        TextBox r = DbPostProcessor.minAreaRect(DbPostProcessor.convexHull(new double[][] {
            {0, 0}, {10, 0}, {10, 4}, {0, 4}, {5, 2}}));
        assertThat(r.width()).isCloseTo(10, within(1e-9));
        assertThat(r.height()).isCloseTo(4, within(1e-9));
        assertThat(r.cx()).isCloseTo(5, within(1e-9));
    }
}
