package io.kefu.conversation;

/**
 * A message was stored, inbound or outbound, on any channel; published in the storing
 * transaction. The web chat pushes it to the customer's and the agents' live connections once
 * the transaction committed.
 *
 * @param message    the stored message (with its sequence number)
 * @param customerId the customer whose conversation it belongs to
 * @param channel    the channel the message came in on or goes out on, e.g. {@code WECHAT}: an
 *                   outbound message is delivered by that channel alone
 */
public record MessageAppended(Message message, long customerId, String channel) {
}
