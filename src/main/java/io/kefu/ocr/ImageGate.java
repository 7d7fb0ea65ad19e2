package io.kefu.ocr;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.spi.IIORegistry;
import javax.imageio.spi.ImageReaderSpi;
import javax.imageio.stream.ImageInputStream;

import com.twelvemonkeys.imageio.plugins.webp.WebPImageReaderSpi;

import org.apache.tika.Tika;

/**
 * Decodes untrusted image bytes into an image of at most {@code max-pixels} pixels, or refuses them
 * with a reason. The decoder is chosen by the bytes (never a name or a declared type), and the
 * dimensions are read from the header before any pixel is decoded: a header announcing more than
 * {@value #BOMB_FACTOR} × {@code max-pixels} (a decompression bomb) is refused unread; a larger
 * image than {@code max-pixels} is decoded subsampled (so its memory is bounded by
 * 4 × {@code max-pixels}) and then scaled down smoothly. A decoder's warning (a JPEG cut short) or
 * error (a PNG cut short, a broken chunk) refuses the image.
 *
 * <p>PNG, JPEG, GIF and BMP are read by the JDK's decoders, WebP (lossy, lossless, with alpha) by
 * TwelveMonkeys' {@code imageio-webp}, which reads the size from the {@code VP8X}, {@code VP8 } or
 * {@code VP8L} header like the others, so the same bomb check applies before any pixel is decoded.
 */
public final class ImageGate {

    static {
        // Registered here rather than left to ImageIO's class-path scan, which runs once with
        // whichever class loader first touches ImageIO (in a packaged application, not always the
        // one that sees this jar). Registering a provider of a class already registered replaces it.
        IIORegistry.getDefaultInstance().registerServiceProvider(new WebPImageReaderSpi(), ImageReaderSpi.class);
    }

    /** Headers announcing more than this many times {@code max-pixels} are refused unread. */
    public static final int BOMB_FACTOR = 16;

    private final long maxPixels;
    private final Tika tika = new Tika();

    public ImageGate(long maxPixels) {
        if (maxPixels < 1) {
            throw new IllegalArgumentException("kefu.ocr.max-pixels must be positive: " + maxPixels);
        }
        this.maxPixels = maxPixels;
    }

    /** A decoded image and the size its header announced. */
    public record Decoded(BufferedImage image, int width, int height) {

        /** Whether the image was scaled down to fit {@code max-pixels}. */
        public boolean downscaled() {
            return image.getWidth() != width || image.getHeight() != height;
        }
    }

    /**
     * @throws ImageRefusedException when the bytes are no decodable image, announce too many pixels
     *                               or are cut short or corrupt
     */
    public Decoded open(byte[] bytes) throws ImageRefusedException {
        if (bytes == null || bytes.length == 0) {
            throw new ImageRefusedException("The file is empty");
        }
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new ImageRefusedException("Not an image that can be read (the bytes are "
                        + tika.detect(bytes) + "; PNG, JPEG, WebP, GIF and BMP are read)");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                return decode(reader);
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            // ImageIO signals a file cut short with an IIOException (PNG) and malformed data with
            // runtime exceptions of all kinds; neither may escape as anything but a refusal.
            throw new ImageRefusedException("Truncated or corrupt image (" + describe(e) + ")", e);
        }
    }

    private Decoded decode(ImageReader reader) throws IOException, ImageRefusedException {
        String format = reader.getFormatName().toUpperCase(Locale.ROOT);
        int width = reader.getWidth(0);
        int height = reader.getHeight(0);
        long pixels = (long) width * height;
        if (width <= 0 || height <= 0) {
            throw new ImageRefusedException(format + " header announces no pixels (" + width + "×" + height + ")");
        }
        if (pixels > maxPixels * BOMB_FACTOR) {
            throw new ImageRefusedException(String.format(Locale.ROOT,
                    "%s header announces %d×%d = %,d pixels, more than %d × kefu.ocr.max-pixels (%,d): refused unread"
                            + " (a decompression bomb)", format, width, height, pixels, BOMB_FACTOR, maxPixels));
        }
        ImageReadParam param = reader.getDefaultReadParam();
        int step = (int) Math.ceil(Math.sqrt(pixels / (4.0 * maxPixels)));
        if (step > 1) {
            param.setSourceSubsampling(step, step, 0, 0);
        }
        List<String> warnings = new ArrayList<>();
        reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
        BufferedImage image = reader.read(0, param);
        if (!warnings.isEmpty()) {
            throw new ImageRefusedException("Truncated or corrupt " + format + " (" + warnings.get(0) + ")");
        }
        return new Decoded(fit(image), width, height);
    }

    /** Scales down to at most {@code max-pixels}, keeping the aspect; RGB, as the recognisers want it. */
    private BufferedImage fit(BufferedImage image) {
        long pixels = (long) image.getWidth() * image.getHeight();
        double scale = pixels > maxPixels ? Math.sqrt((double) maxPixels / pixels) : 1.0;
        int w = Math.max(1, (int) Math.floor(image.getWidth() * scale));
        int h = Math.max(1, (int) Math.floor(image.getHeight() * scale));
        if (scale == 1.0 && image.getType() == BufferedImage.TYPE_INT_RGB) {
            return image;
        }
        BufferedImage fitted = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = fitted.createGraphics();
        try {
            g.setColor(java.awt.Color.WHITE);
            g.fillRect(0, 0, w, h);
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.drawImage(image, 0, 0, w, h, null);
        } finally {
            g.dispose();
        }
        return fitted;
    }

    private static String describe(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        return message.length() > 200 ? message.substring(0, 200) : message;
    }
}
