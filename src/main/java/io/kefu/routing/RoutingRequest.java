package io.kefu.routing;

import java.util.Objects;

import io.kefu.customer.CustomerTier;
import io.kefu.ticket.Channel;
import io.kefu.ticket.Topic;

/** The facts a routing decision is made from. A fact class with getters, as DRL patterns read them. */
public final class RoutingRequest {

    private final CustomerTier tier;
    private final Topic topic;
    private final Channel channel;

    public RoutingRequest(CustomerTier tier, Topic topic, Channel channel) {
        this.tier = Objects.requireNonNull(tier, "tier");
        this.topic = Objects.requireNonNull(topic, "topic");
        this.channel = Objects.requireNonNull(channel, "channel");
    }

    public CustomerTier getTier() {
        return tier;
    }

    public Topic getTopic() {
        return topic;
    }

    public Channel getChannel() {
        return channel;
    }

    @Override
    public String toString() {
        return "RoutingRequest[tier=" + tier + ", topic=" + topic + ", channel=" + channel + "]";
    }
}
