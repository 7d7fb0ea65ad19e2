package io.kefu.routing;

import java.util.Objects;
import java.util.Set;

import io.kefu.customer.CustomerTier;
import io.kefu.ticket.Channel;
import io.kefu.ticket.Topic;

/**
 * The facts a routing decision is made from: who the customer is, what the ticket is about, where
 * it came from, and what triage found in the first message — the predicted intents (e.g.
 * {@code complaint}) and the sentiment score, P(positive) − P(negative) in [−1, 1]. A fact class
 * with getters, as DRL patterns read them ({@code intents contains "complaint"},
 * {@code sentimentScore <= -0.6}).
 */
public final class RoutingRequest {

    private final CustomerTier tier;
    private final Topic topic;
    private final Channel channel;
    private final Set<String> intents;
    private final double sentimentScore;

    public RoutingRequest(CustomerTier tier, Topic topic, Channel channel, Set<String> intents,
            double sentimentScore) {
        this.tier = Objects.requireNonNull(tier, "tier");
        this.topic = Objects.requireNonNull(topic, "topic");
        this.channel = Objects.requireNonNull(channel, "channel");
        this.intents = Set.copyOf(intents);
        if (Double.isNaN(sentimentScore) || sentimentScore < -1 || sentimentScore > 1) {
            throw new IllegalArgumentException("sentiment score out of [-1, 1]: " + sentimentScore);
        }
        this.sentimentScore = sentimentScore;
    }

    /** A request without triage facts: no intents, neutral sentiment. */
    public RoutingRequest(CustomerTier tier, Topic topic, Channel channel) {
        this(tier, topic, channel, Set.of(), 0);
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

    /** The intent labels triage predicted for the first message. */
    public Set<String> getIntents() {
        return intents;
    }

    /** P(positive) − P(negative) of the first message, in [−1, 1]; 0 when unknown. */
    public double getSentimentScore() {
        return sentimentScore;
    }

    @Override
    public String toString() {
        return "RoutingRequest[tier=" + tier + ", topic=" + topic + ", channel=" + channel + ", intents="
                + intents + ", sentimentScore=" + sentimentScore + "]";
    }
}
