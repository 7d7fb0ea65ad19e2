/**
 * The {@code kb-eval} command: measures retrieval and the bot's confidence threshold on labelled
 * intent data sets (one article per intent), with the same index and confidence the bot uses.
 */
package io.kefu.tools.knowledge;
