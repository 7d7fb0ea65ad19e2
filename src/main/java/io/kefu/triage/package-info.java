/**
 * Triage: what a customer wants (intents, several at once, with a confidence each) and how they
 * feel (sentiment from -1 to 1), in Chinese and English.
 *
 * <p>Callers use {@link io.kefu.triage.TriageService#classify(String, String)}. The models come
 * from {@link io.kefu.triage.TriageModelRegistry}: trained from the operator's {@code triage/}
 * folder, kept in {@code ./data/triage/model.bin} across restarts, and replaced by
 * {@link io.kefu.triage.TriageModelRegistry#retrain} only when a candidate scores at least as
 * well as the running model on the same held-back examples. An ONNX model configured by path
 * can take over intent classification ({@link io.kefu.triage.onnx}). Spring appears only in
 * {@link io.kefu.triage.TriageConfiguration}.
 */
package io.kefu.triage;
