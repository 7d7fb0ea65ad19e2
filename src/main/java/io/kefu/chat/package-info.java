/**
 * The web chat: an embeddable widget ({@code /chat/widget.js}) talking STOMP over WebSocket
 * ({@code /chat/ws}) and the agents' live workspace connection ({@code /workspace/ws}). Visitors
 * hold a server-issued, revocable token per channel key; a host site may vouch for its customer
 * with an HMAC-SHA256 signature of the customer's external id. Every customer message goes
 * through intake like the REST channel's, so bot, triage, routing and the outbox see no
 * difference; everything stored for a conversation (the customer's messages, the bot's and
 * agents' replies) is pushed to its live connections after the storing transaction committed.
 * The wire protocol is documented in {@code docs/CHANNELS.md}.
 */
package io.kefu.chat;
