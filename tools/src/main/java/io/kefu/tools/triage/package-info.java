/**
 * The {@code triage-eval} command: trains the classical pipeline on labelled files, scores it on
 * test files or on a deterministic dev split carved from the training files, and prints the
 * figures as one JSON line. Used for the table in {@code docs/NLP.md}.
 */
package io.kefu.tools.triage;
