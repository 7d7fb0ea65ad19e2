/**
 * Reading labelled examples from the files operators own: CSV with a header ({@code text,label}
 * by default, other column names configurable, several labels in one cell separated by
 * {@code |}) and JSON arrays of <code>{"text": …, "intents": […]}</code> objects (the NLU++ layout).
 * Tolerates byte order marks, quoted fields with commas and line breaks, and label columns
 * before or after the text.
 */
package io.kefu.triage.corpus;
