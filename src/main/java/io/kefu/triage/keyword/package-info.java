/**
 * The first, keyword-based topic step of triage: a lexicon in {@code triage/topic-keywords.yaml}
 * (zh and en) maps a message to a topic. Trained models replace it where they are configured.
 */
package io.kefu.triage.keyword;
