package io.kefu.ocr.paddle;

import java.awt.image.BufferedImage;

/**
 * An image as packed {@code 0xRRGGBB} pixels, row by row: what every stage reads, so the source
 * image is decoded to pixels once. Resizing is bilinear with pixel centres at half-pixel offsets
 * (the same sampling as OpenCV's {@code INTER_LINEAR}, which the models were trained with).
 */
record RgbImage(int width, int height, int[] pixels) {

    RgbImage {
        if (width <= 0 || height <= 0 || pixels.length != width * height) {
            throw new IllegalArgumentException("bad image size " + width + "x" + height);
        }
    }

    static RgbImage of(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        int[] px = image.getRGB(0, 0, w, h, null, 0, w);
        if (image.getColorModel().hasAlpha()) {
            // Transparent pixels over white, as a browser or an image viewer shows them.
            for (int i = 0; i < px.length; i++) {
                int a = px[i] >>> 24;
                if (a != 255) {
                    int r = blend((px[i] >> 16) & 0xff, a);
                    int g = blend((px[i] >> 8) & 0xff, a);
                    int b = blend(px[i] & 0xff, a);
                    px[i] = (r << 16) | (g << 8) | b;
                }
            }
        }
        for (int i = 0; i < px.length; i++) {
            px[i] &= 0xffffff;
        }
        return new RgbImage(w, h, px);
    }

    private static int blend(int c, int alpha) {
        return (c * alpha + 255 * (255 - alpha) + 127) / 255;
    }

    BufferedImage toBufferedImage() {
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        out.setRGB(0, 0, width, height, pixels, 0, width);
        return out;
    }

    int rgb(int x, int y) {
        return pixels[y * width + x];
    }

    /** Bilinear resize to {@code w x h}. */
    RgbImage resize(int w, int h) {
        if (w == width && h == height) {
            return this;
        }
        double sx = (double) width / w;
        double sy = (double) height / h;
        int[] out = new int[w * h];
        for (int y = 0; y < h; y++) {
            double fy = (y + 0.5) * sy - 0.5;
            int y0 = (int) Math.floor(fy);
            double dy = fy - y0;
            int ya = clamp(y0, height);
            int yb = clamp(y0 + 1, height);
            for (int x = 0; x < w; x++) {
                double fx = (x + 0.5) * sx - 0.5;
                int x0 = (int) Math.floor(fx);
                double dx = fx - x0;
                int xa = clamp(x0, width);
                int xb = clamp(x0 + 1, width);
                out[y * w + x] = mix(pixels[ya * width + xa], pixels[ya * width + xb],
                        pixels[yb * width + xa], pixels[yb * width + xb], dx, dy);
            }
        }
        return new RgbImage(w, h, out);
    }

    /**
     * Samples this image bilinearly at {@code (x, y)} (pixel centres at integer coordinates);
     * outside the image the nearest border pixel is used.
     */
    int sample(double x, double y) {
        int x0 = (int) Math.floor(x);
        int y0 = (int) Math.floor(y);
        double dx = x - x0;
        double dy = y - y0;
        int xa = clamp(x0, width);
        int xb = clamp(x0 + 1, width);
        int ya = clamp(y0, height);
        int yb = clamp(y0 + 1, height);
        return mix(pixels[ya * width + xa], pixels[ya * width + xb],
                pixels[yb * width + xa], pixels[yb * width + xb], dx, dy);
    }

    /** This image turned a quarter counter-clockwise (for lines written top to bottom). */
    RgbImage rotateCounterClockwise() {
        int[] out = new int[pixels.length];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                out[(width - 1 - x) * height + y] = pixels[y * width + x];
            }
        }
        return new RgbImage(height, width, out);
    }

    /** This image turned half a turn (a line the classifier found upside down). */
    RgbImage rotate180() {
        int[] out = new int[pixels.length];
        for (int i = 0; i < pixels.length; i++) {
            out[pixels.length - 1 - i] = pixels[i];
        }
        return new RgbImage(width, height, out);
    }

    private static int clamp(int v, int size) {
        return v < 0 ? 0 : (v >= size ? size - 1 : v);
    }

    private static int mix(int p00, int p10, int p01, int p11, double dx, double dy) {
        int r = channel(p00 >> 16, p10 >> 16, p01 >> 16, p11 >> 16, dx, dy);
        int g = channel(p00 >> 8, p10 >> 8, p01 >> 8, p11 >> 8, dx, dy);
        int b = channel(p00, p10, p01, p11, dx, dy);
        return (r << 16) | (g << 8) | b;
    }

    private static int channel(int a, int b, int c, int d, double dx, double dy) {
        double top = (a & 0xff) * (1 - dx) + (b & 0xff) * dx;
        double bottom = (c & 0xff) * (1 - dx) + (d & 0xff) * dx;
        int v = (int) Math.round(top * (1 - dy) + bottom * dy);
        return v < 0 ? 0 : Math.min(v, 255);
    }
}
