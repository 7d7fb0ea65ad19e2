/**
 * How Kefu reads customers' Chinese and English text before any feature analyses it: one
 * normalisation (so "？！", "?!" and "ＲＥＦＵＮＤ" read the same everywhere) and one test for
 * whether a text is Chinese. Triage and the knowledge base both build on it; it depends on
 * nothing in Kefu.
 */
package io.kefu.text;
