package io.kefu.tools.ocr;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The ocr-eval command's contract: a line per image, then the set's figures. */
class OcrEvalTest {

    @TempDir
    Path tmp;

    private void page(String name, String... lines) throws Exception {
        BufferedImage image = new BufferedImage(800, 60 + 36 * lines.length, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setFont(new Font("WenQuanYi Micro Hei", Font.PLAIN, 18));
        g.setColor(Color.BLACK);
        for (int i = 0; i < lines.length; i++) {
            g.drawString(lines[i], 20, 40 + 36 * i);
        }
        g.dispose();
        ImageIO.write(image, "png", tmp.resolve(name + ".png").toFile());
        Files.writeString(tmp.resolve(name + ".txt"), String.join("\n", lines) + "\n");
    }

    @Test
    void printsALinePerImageThenTheFigures() throws Exception {
        page("a", "订单已经付款但是一直没有发货", "Where is my refund?");
        page("b", "快递显示已签收，可是我没有收到");
        Files.writeString(tmp.resolve("notes.txt"), "no image beside me");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Map<String, Object> figures = OcrEval.run(new String[] {tmp.toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream()));
        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(printed).contains("a.png  cer=").contains("b.png  cer=").doesNotContain("notes");
        assertThat(figures).containsKeys("images", "cer", "line_recall", "p50_ms", "p99_ms", "rss_peak_mb");
        assertThat(figures.get("images")).isEqualTo(2);
        assertThat((double) figures.get("cer")).isLessThan(0.05);
        assertThat((double) figures.get("line_recall")).isGreaterThan(0.6);
        assertThat((long) figures.get("p50_ms")).isLessThanOrEqualTo((long) figures.get("p99_ms"));
    }

    @Test
    void measuresTheEditDistanceOverWhitespaceFreeNfkcText() {
        assertThat(OcrEval.normalise("Ｅｒｒｏｒ ５０２ ，ok")).isEqualTo("Error502,ok");
        assertThat(OcrEval.editDistance("订单已发货", "订单己发货了")).isEqualTo(2);
    }

    @Test
    void refusesAFolderWithoutImagesAndTruth() {
        assertThatThrownBy(() -> OcrEval.run(new String[] {tmp.toString()}, System.out, System.err))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("NAME.txt");
    }
}
