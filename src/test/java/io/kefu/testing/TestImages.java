package io.kefu.testing;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

import javax.imageio.ImageIO;

/** Images customers might send, drawn by the tests: a screenshot of an error dialog, a PNG bomb. */
public final class TestImages {

    /** Covers Latin and CJK; .ci/run installs it (fonts-wqy-microhei). */
    public static final String FONT = "WenQuanYi Micro Hei";

    private TestImages() {
    }

    /** A 1280×800 screenshot: a grey desktop, an app window, and an error dialog over it. */
    public static BufferedImage errorDialog(String error) {
        BufferedImage image = new BufferedImage(1280, 800, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(new Color(0xe9eef3));
        g.fillRect(0, 0, 1280, 800);
        g.setColor(Color.WHITE);
        g.fillRect(80, 60, 1120, 680);
        g.setColor(new Color(0x2b5797));
        g.fillRect(80, 60, 1120, 56);
        g.setColor(Color.WHITE);
        g.setFont(new Font(FONT, Font.PLAIN, 24));
        g.drawString("ShopMall Checkout", 110, 97);
        g.setColor(new Color(0x00000040, true));
        g.fillRoundRect(346, 256, 600, 300, 16, 16);
        g.setColor(Color.WHITE);
        g.fillRoundRect(340, 250, 600, 300, 16, 16);
        g.setColor(new Color(0xc62828));
        g.setStroke(new BasicStroke(2));
        g.drawRoundRect(340, 250, 600, 300, 16, 16);
        g.fillOval(370, 290, 44, 44);
        g.setColor(Color.WHITE);
        g.setFont(new Font(FONT, Font.BOLD, 30));
        g.drawString("!", 386, 323);
        g.setColor(new Color(0x212121));
        g.setFont(new Font(FONT, Font.BOLD, 28));
        g.drawString("Payment failed", 436, 323);
        g.setFont(new Font(FONT, Font.PLAIN, 22));
        g.drawString(error, 380, 390);
        g.setColor(new Color(0x555555));
        g.drawString("Please try again later.", 380, 430);
        g.setColor(new Color(0x2b5797));
        g.fillRoundRect(800, 480, 110, 44, 8, 8);
        g.setColor(Color.WHITE);
        g.drawString("OK", 838, 510);
        g.dispose();
        return image;
    }

    public static byte[] png(BufferedImage image) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    /** A PNG signature and IHDR announcing {@code width × height}, one tiny IDAT and IEND. */
    public static byte[] pngWithHeader(int width, int height) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        chunk(out, "IHDR", ByteBuffer.allocate(13).putInt(width).putInt(height).put((byte) 8).put((byte) 2)
                .put((byte) 0).put((byte) 0).put((byte) 0).array());
        chunk(out, "IDAT", new byte[] {0x78, (byte) 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01});
        chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
        byte[] name = type.getBytes(StandardCharsets.US_ASCII);
        out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
        out.writeBytes(name);
        out.writeBytes(data);
        CRC32 crc = new CRC32();
        crc.update(name);
        crc.update(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }
}
