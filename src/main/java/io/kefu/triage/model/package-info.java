/**
 * Trainable text classifiers: regularised linear models from liblinear (one-vs-rest, or Crammer
 * and Singer's multi-class SVM for single-label data) over
 * {@link io.kefu.triage.text.TfidfVectorizer TF-IDF} features, with the solver and C chosen on
 * held-out folds of the training data, Platt-calibrated confidences, and a tuned probability
 * threshold for multi-label data (always at least one label). Also the metrics used to compare
 * models and the binary model file format. No Spring here.
 */
package io.kefu.triage.model;
