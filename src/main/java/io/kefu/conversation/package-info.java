/**
 * Conversations and their messages, inbound (from the customer) and outbound (from agents or
 * the bot), in the order they were written.
 */
package io.kefu.conversation;
