/**
 * ONNX models in triage: a pluggable intent model that replaces the classical intent classifier
 * when {@code kefu.triage.onnx.model-path} is set, and {@link
 * io.kefu.triage.onnx.OnnxSentenceEncoder}, a pretrained sentence encoder (token ids in, one
 * unit vector out, HuggingFace {@code tokenizer.json} read by DJL's tokenizers) whose vectors
 * join the classical intent features when {@code kefu.triage.encoder.model-path} is set, and
 * its static distillation ({@link io.kefu.triage.onnx.StaticEmbeddingDistiller}, {@link
 * io.kefu.triage.onnx.StaticEmbeddingEncoder}, {@code kefu.triage.encoder.mode=static}): a token
 * table made once from the encoder, whose weighted mean of a message's token rows replaces the
 * encoder's pass at inference; optionally tuned to the training texts at each training ({@link
 * io.kefu.triage.onnx.StaticEncoderTuning}, {@code kefu.triage.encoder.static-tuning=linear}): a
 * {@link io.kefu.triage.onnx.LinearMap} fitted so that the mapped table vector approaches the full
 * encoder's, recorded in the classifier ({@link io.kefu.triage.onnx.TunedStaticEncoder}).
 *
 * <p>Input contract: one float32 input of shape {@code [1, D]} (or {@code [N, D]}), D fixed in
 * the model, holding {@link io.kefu.triage.text.HashedNgramVectorizer} features of the message:
 * scikit-learn's {@code HashingVectorizer(analyzer="char_wb", ngram_range=(min, max),
 * n_features=D, alternate_sign=False, norm="l2")} over NFKC-normalised, lower-cased text.
 * Output contract of the intent model: the first output, float32 {@code [1, L]}, holds one value per line of the
 * labels file, as probabilities, or as logits to pass through a sigmoid (multi-label) or a
 * softmax (single-label). Intents at or above the threshold are predicted, and the best one when
 * none reaches it. Nothing is downloaded: the files are the operator's.
 */
package io.kefu.triage.onnx;
