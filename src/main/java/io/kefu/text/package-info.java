/**
 * How Kefu reads customers' Chinese and English text before any feature analyses it: one
 * normalisation (so "？！", "?!" and "ＲＥＦＵＮＤ" read the same everywhere), one test for
 * whether a text is Chinese, and one {@link io.kefu.text.Language} type with one reading of a
 * caller's language hint. Triage and the knowledge base both build on it; it depends on nothing
 * in Kefu.
 */
package io.kefu.text;
