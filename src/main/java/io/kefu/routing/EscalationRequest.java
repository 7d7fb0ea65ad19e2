package io.kefu.routing;

import java.util.Set;

import io.kefu.customer.CustomerTier;

/**
 * The fact {@code rules/escalation.drl} decides on: a routed ticket's customer tier and what
 * triage found (intents, sentiment score in [-1, 1]). Immutable, with getters, as DRL patterns
 * read them.
 */
public final class EscalationRequest {

    private final CustomerTier tier;
    private final Set<String> intents;
    private final double sentimentScore;

    public EscalationRequest(CustomerTier tier, Set<String> intents, double sentimentScore) {
        this.tier = tier;
        this.intents = Set.copyOf(intents);
        this.sentimentScore = sentimentScore;
    }

    public CustomerTier getTier() {
        return tier;
    }

    public Set<String> getIntents() {
        return intents;
    }

    public double getSentimentScore() {
        return sentimentScore;
    }

    @Override
    public String toString() {
        return "EscalationRequest[tier=" + tier + ", intents=" + intents + ", sentimentScore=" + sentimentScore + "]";
    }
}
