/**
 * Text features for triage: word tokens in the language {@link io.kefu.text} tells
 * (Lucene smartcn for Chinese, a stop-word-free English analyzer for everything else), and the
 * two vectorisers built on them: a fitted TF-IDF vocabulary of word 1–2-grams and char_wb
 * n-grams for the classical models, and a hashed bag of char_wb n-grams that is the documented
 * input contract of a pluggable ONNX model. Nothing here knows about labels or Spring.
 */
package io.kefu.triage.text;
