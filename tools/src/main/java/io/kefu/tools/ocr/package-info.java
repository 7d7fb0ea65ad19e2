/** {@code ./ocr-eval}: character error rate, line recall and latency of the OCR engine on folders of images with their ground truth. */
package io.kefu.tools.ocr;
