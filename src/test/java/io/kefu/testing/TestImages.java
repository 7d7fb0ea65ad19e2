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
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32;

import javax.imageio.ImageIO;

/**
 * Images customers might send, drawn by the tests: a screenshot of an error dialog, a PNG bomb, the
 * same as WebP encoded by Chromium, a WebP bomb.
 */
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

    /** Debian's Chromium, whose WebP encoder (libwebp, through canvas.toDataURL) makes the tests' WebP files. */
    public static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    private static final Pattern WEBP_DATA_URL = Pattern.compile("data:image/webp;base64,([A-Za-z0-9+/=]+)");

    /**
     * Whether {@link #webp} can run: Chromium is installed, and always under {@code CI=true}
     * (where .ci/run installs it), so that there the tests fail rather than skip.
     */
    public static boolean webpEncoderInstalled() {
        return "true".equalsIgnoreCase(System.getenv("CI")) || Files.isExecutable(CHROMIUM);
    }

    /**
     * The image encoded as WebP by headless Chromium: drawn onto a canvas and taken with
     * {@code canvas.toDataURL('image/webp', quality)} &mdash; lossy ({@code VP8 }) below quality 1,
     * lossless ({@code VP8L}) at 1, as browsers and phones write them.
     */
    public static byte[] webp(BufferedImage image, double quality) throws IOException {
        Path folder = Files.createTempDirectory("kefu-webp-");
        try {
            Path page = folder.resolve("encode.html");
            Files.writeString(page, """
                    <!DOCTYPE html><html><body><img id="source" src="data:image/png;base64,%s"><script>
                    window.onload = () => {
                      const image = document.getElementById('source');
                      const canvas = document.createElement('canvas');
                      canvas.width = image.naturalWidth;
                      canvas.height = image.naturalHeight;
                      canvas.getContext('2d').drawImage(image, 0, 0);
                      document.body.textContent = canvas.toDataURL('image/webp', %s);
                    };
                    </script></body></html>
                    """.formatted(Base64.getEncoder().encodeToString(png(image)), quality));
            Process chromium = new ProcessBuilder(CHROMIUM.toString(), "--headless=new", "--no-sandbox", "--disable-gpu",
                    "--disable-background-networking", "--disable-component-update", "--no-first-run",
                    "--user-data-dir=" + folder.resolve("profile"), "--virtual-time-budget=10000", "--dump-dom",
                    page.toUri().toString())
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String dom = new String(chromium.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
            if (!chromium.waitFor(60, TimeUnit.SECONDS)) {
                chromium.destroyForcibly();
                throw new IOException("Chromium did not finish encoding the WebP within 60 s");
            }
            Matcher data = WEBP_DATA_URL.matcher(dom);
            if (!data.find()) {
                throw new IOException("Chromium gave no WebP data URL: " + dom.substring(0, Math.min(300, dom.length())));
            }
            return Base64.getDecoder().decode(data.group(1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while Chromium encoded a WebP", e);
        } finally {
            try (var files = Files.walk(folder)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    /** The bitstream chunk of a WebP file: {@code "VP8 "} (lossy) or {@code "VP8L"} (lossless), after any VP8X, ICCP or ALPH. */
    public static String webpBitstream(byte[] webp) {
        ByteBuffer in = ByteBuffer.wrap(webp).order(ByteOrder.LITTLE_ENDIAN);
        int at = 12;
        while (at + 8 <= webp.length) {
            String type = new String(webp, at, 4, StandardCharsets.US_ASCII);
            if (type.startsWith("VP8 ") || type.equals("VP8L")) {
                return type;
            }
            int size = in.getInt(at + 4);
            at += 8 + size + (size & 1);
        }
        throw new IllegalArgumentException("no VP8 or VP8L chunk");
    }

    /**
     * A lossless WebP whose {@code VP8L} header announces {@code width × height} (each at most 16384),
     * followed by a few bytes of no image: what a decompression bomb's header looks like.
     */
    public static byte[] webpWithHeader(int width, int height) {
        int bits = (width - 1) | (height - 1) << 14;
        ByteBuffer chunk = ByteBuffer.allocate(1 + 4 + 11).order(ByteOrder.LITTLE_ENDIAN);
        chunk.put((byte) 0x2f).putInt(bits);
        ByteBuffer file = ByteBuffer.allocate(12 + 8 + chunk.capacity()).order(ByteOrder.LITTLE_ENDIAN);
        file.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(file.capacity() - 8)
                .put("WEBP".getBytes(StandardCharsets.US_ASCII)).put("VP8L".getBytes(StandardCharsets.US_ASCII))
                .putInt(chunk.capacity()).put(chunk.array());
        return file.array();
    }
}
