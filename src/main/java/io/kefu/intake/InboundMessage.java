package io.kefu.intake;

import io.kefu.ticket.Channel;
import io.kefu.ticket.Topic;

/**
 * A customer message as any channel adapter hands it over.
 *
 * @param channel            where it came from
 * @param customerExternalId the customer's id in the shop/CRM
 * @param text               what they wrote
 * @param topic              a topic the channel already knows (e.g. a "billing" contact form), or null
 * @param clientMessageId    the id the customer's client gave the message (the web chat's), or
 *                           null: a message whose id the customer already sent is stored once
 */
public record InboundMessage(Channel channel, String customerExternalId, String text, Topic topic,
        String clientMessageId) {

    /** A message without a client message id. */
    public InboundMessage(Channel channel, String customerExternalId, String text, Topic topic) {
        this(channel, customerExternalId, text, topic, null);
    }
}
