package io.kefu.ocr.paddle;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Pre-processing for the recogniser: each line strip scaled to a height of 48 with its width
 * following its aspect, normalised to [-1, 1] (blue-green-red), right-padded with zeros to the
 * widest strip of its batch plus {@link #TAIL}. Strips are sorted by aspect so that a batch holds
 * lines of similar width and padding stays small.
 *
 * <p>PaddleOCR pads every batch to at least 320 (the width PP-OCRv4 was trained at); here a line
 * alone in its run (the default) is recognised at its own width and a tail. The recogniser's cost
 * grows with the width and a chat page's names, times and short replies are far narrower than 320
 * (measured on one thread: a ninth less CPU per page; docs/NLP.md, "OCR"). Without the tail the
 * last character had no room to end in: the grey "…" closing the input box's placeholder came out
 * as "··" on some pages.
 */
final class RecognitionBatches {

    static final int HEIGHT = 48;
    /** Zero columns after the widest strip of a batch: half a line height, three of the recogniser's steps. */
    static final int TAIL = 24;

    /** One batch: which strips (indices into the list given) and their tensor. */
    record Batch(int[] lines, float[] data, int width) {

        long[] shape() {
            return new long[] {lines.length, 3, HEIGHT, width};
        }
    }

    private RecognitionBatches() {
    }

    /**
     * @param maxBatch   most strips per batch
     * @param maxSpread  a batch's widest strip is at most this many times its narrowest
     */
    static List<Batch> of(List<RgbImage> strips, int maxBatch, double maxSpread) {
        Integer[] order = IntStream.range(0, strips.size()).boxed().toArray(Integer[]::new);
        java.util.Arrays.sort(order, Comparator.comparingDouble(i -> aspect(strips.get(i))));
        List<Batch> out = new ArrayList<>();
        int i = 0;
        while (i < order.length) {
            int first = scaledWidth(strips.get(order[i]));
            int j = i + 1;
            while (j < order.length && j - i < maxBatch
                    && scaledWidth(strips.get(order[j])) <= first * maxSpread) {
                j++;
            }
            int[] lines = new int[j - i];
            for (int k = i; k < j; k++) {
                lines[k - i] = order[k];
            }
            out.add(tensor(strips, lines));
            i = j;
        }
        return out;
    }

    static int scaledWidth(RgbImage strip) {
        return Math.max(1, (int) Math.ceil(HEIGHT * aspect(strip)));
    }

    private static double aspect(RgbImage strip) {
        return (double) strip.width() / strip.height();
    }

    private static Batch tensor(List<RgbImage> strips, int[] lines) {
        int width = 1;
        for (int l : lines) {
            width = Math.max(width, scaledWidth(strips.get(l)) + TAIL);
        }
        int plane = HEIGHT * width;
        float[] data = new float[lines.length * 3 * plane];
        for (int n = 0; n < lines.length; n++) {
            RgbImage strip = strips.get(lines[n]);
            RgbImage scaled = strip.resize(scaledWidth(strip), HEIGHT);
            int base = n * 3 * plane;
            for (int y = 0; y < HEIGHT; y++) {
                for (int x = 0; x < scaled.width(); x++) {
                    int p = scaled.rgb(x, y);
                    int at = y * width + x;
                    data[base + at] = (p & 0xff) / 127.5f - 1f;
                    data[base + plane + at] = ((p >> 8) & 0xff) / 127.5f - 1f;
                    data[base + 2 * plane + at] = ((p >> 16) & 0xff) / 127.5f - 1f;
                }
            }
        }
        return new Batch(lines, data, width);
    }
}
