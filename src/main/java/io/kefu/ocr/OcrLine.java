package io.kefu.ocr;

/**
 * One line of recognised text with where it sits in the image (pixels of the image passed in) and
 * how sure the recogniser is of it (the mean of its characters' probabilities, 0..1).
 */
public record OcrLine(String text, double confidence, int x, int y, int width, int height) {
}
