package io.kefu.agent;

import java.time.Instant;

/**
 * An agent's presence changed; published inside the transaction that stored it. Setting the same
 * presence again publishes nothing.
 *
 * @param userId     the agent
 * @param previous   the presence before
 * @param presence   the presence now
 * @param occurredAt when
 */
public record AgentPresenceChanged(String userId, AgentPresence previous, AgentPresence presence, Instant occurredAt) {
}
