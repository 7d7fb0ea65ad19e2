package io.kefu.ocr;

import java.awt.image.BufferedImage;

/**
 * Finds and reads the lines of text in an image, Chinese and English. Implementations are
 * thread-safe and never download anything at run time.
 */
public interface TextRecognizer {

    /**
     * The lines found in {@code image}, in reading order (top to bottom, left to right).
     *
     * @param image an already decoded and size-checked image (callers bound the pixel count)
     */
    OcrResult read(BufferedImage image);
}
