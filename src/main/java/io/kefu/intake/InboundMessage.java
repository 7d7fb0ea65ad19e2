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
 */
public record InboundMessage(Channel channel, String customerExternalId, String text, Topic topic) {
}
