package io.kefu.ocr.paddle;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;

/** Images of known text drawn with Java2D (WenQuanYi Micro Hei, which covers CJK), for the tests. */
final class RenderedText {

    static final String FONT = "WenQuanYi Micro Hei";

    private RenderedText() {
    }

    /** Lines of text drawn top to bottom at {@code (left, top + i * spacing)}. */
    static BufferedImage lines(int width, int height, int size, int left, int top, int spacing,
            Color ink, Color paper, String... lines) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(paper);
        g.fillRect(0, 0, width, height);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setFont(new Font(FONT, Font.PLAIN, size));
        g.setColor(ink);
        for (int i = 0; i < lines.length; i++) {
            g.drawString(lines[i], left, top + i * spacing + g.getFontMetrics().getAscent());
        }
        g.dispose();
        return image;
    }

    static BufferedImage lines(String... lines) {
        return lines(640, 60 + 40 * lines.length, 20, 24, 24, 40, Color.BLACK, Color.WHITE, lines);
    }
}
