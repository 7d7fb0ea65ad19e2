/**
 * Reading the text in images customers send (screenshots of an error, a photo of a label), offline
 * in the JVM, for triage, the knowledge-base bot and the agent. {@link io.kefu.ocr.TextRecognizer}
 * is what the rest of Kefu calls; what it returns is {@link io.kefu.ocr.OcrResult}.
 */
package io.kefu.ocr;
