/**
 * Demo data for a first look at the embedded default ({@code KEFU_DEMO_DATA}, on without a
 * profile, off under {@code mysql}): a few published articles in Chinese and English, an agent in
 * each queue, customers of both tiers and their first messages, which go through intake, the bot,
 * triage and routing as any customer's do. Created once; a database that has it is left alone.
 */
package io.kefu.demo;
