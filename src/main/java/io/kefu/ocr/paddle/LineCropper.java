package io.kefu.ocr.paddle;

/**
 * Cuts a detected box out of the image as an upright strip (PaddleOCR's
 * {@code get_rotate_crop_image}): the rectangle is sampled along its own axes, so a slanted line
 * comes out level; a strip at least 1.5 times taller than wide holds a line written top to bottom
 * and is turned a quarter so the recogniser reads it left to right.
 */
final class LineCropper {

    private LineCropper() {
    }

    static RgbImage crop(RgbImage image, TextBox box) {
        int w = Math.max(1, (int) Math.round(box.width()));
        int h = Math.max(1, (int) Math.round(box.height()));
        double cos = Math.cos(box.angle());
        double sin = Math.sin(box.angle());
        double[] tl = box.corners()[0];
        int[] out = new int[w * h];
        double sx = box.width() / w;
        double sy = box.height() / h;
        for (int j = 0; j < h; j++) {
            double v = (j + 0.5) * sy;
            for (int i = 0; i < w; i++) {
                double u = (i + 0.5) * sx;
                double x = tl[0] + u * cos - v * sin;
                double y = tl[1] + u * sin + v * cos;
                out[j * w + i] = image.sample(x, y);
            }
        }
        RgbImage strip = new RgbImage(w, h, out);
        return (double) h / w >= 1.5 ? strip.rotateCounterClockwise() : strip;
    }
}
