package io.kefu.routing;

import java.util.Set;

/**
 * The fact {@code rules/handover.drl} decides on: what triage found in a new ticket's first
 * message — its intents and its sentiment score in [-1, 1]. Immutable, with getters, as DRL
 * patterns read them.
 */
public final class HandOverRequest {

    private final Set<String> intents;
    private final double sentimentScore;

    public HandOverRequest(Set<String> intents, double sentimentScore) {
        this.intents = Set.copyOf(intents);
        this.sentimentScore = sentimentScore;
    }

    public Set<String> getIntents() {
        return intents;
    }

    public double getSentimentScore() {
        return sentimentScore;
    }

    @Override
    public String toString() {
        return "HandOverRequest[intents=" + intents + ", sentimentScore=" + sentimentScore + "]";
    }
}
