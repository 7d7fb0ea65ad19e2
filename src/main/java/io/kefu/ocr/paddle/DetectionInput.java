package io.kefu.ocr.paddle;

/**
 * Pre-processing for the DB text detector: the image resized so that both sides are multiples of
 * 32 (the network down-samples five times) and the longer side stays within a limit, then
 * normalised with ImageNet's mean and deviation into a {@code [1, 3, H, W]} float tensor, channels
 * in blue-green-red order as PaddleOCR trained it (OpenCV's order).
 *
 * @param data   the tensor's values, channel-major
 * @param width  the tensor's width (a multiple of 32)
 * @param height the tensor's height (a multiple of 32)
 * @param scaleX source pixels per tensor pixel, across
 * @param scaleY source pixels per tensor pixel, down
 */
record DetectionInput(float[] data, int width, int height, double scaleX, double scaleY) {

    private static final float[] MEAN = {0.406f, 0.456f, 0.485f}; // B, G, R
    private static final float[] STD = {0.225f, 0.224f, 0.229f};

    /**
     * @param sideLimit the longest side the detector sees; larger images are scaled down, smaller
     *                  ones are not enlarged
     */
    static DetectionInput of(RgbImage image, int sideLimit) {
        int w = image.width();
        int h = image.height();
        double ratio = Math.max(w, h) > sideLimit ? (double) sideLimit / Math.max(w, h) : 1.0;
        int tw = roundTo32(w * ratio);
        int th = roundTo32(h * ratio);
        RgbImage resized = image.resize(tw, th);
        int plane = tw * th;
        float[] data = new float[3 * plane];
        int[] px = resized.pixels();
        for (int i = 0; i < plane; i++) {
            int p = px[i];
            float b = (p & 0xff) / 255f;
            float g = ((p >> 8) & 0xff) / 255f;
            float r = ((p >> 16) & 0xff) / 255f;
            data[i] = (b - MEAN[0]) / STD[0];
            data[plane + i] = (g - MEAN[1]) / STD[1];
            data[2 * plane + i] = (r - MEAN[2]) / STD[2];
        }
        return new DetectionInput(data, tw, th, (double) w / tw, (double) h / th);
    }

    static int roundTo32(double side) {
        return Math.max(32, (int) Math.round(side / 32.0) * 32);
    }

    long[] shape() {
        return new long[] {1, 3, height, width};
    }
}
