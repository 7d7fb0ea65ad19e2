package io.kefu.agent;

import java.time.Instant;

/**
 * A supervisor changed an agent's skills, languages, capacity or working hours; published inside
 * the transaction that stored it.
 *
 * @param profile    the profile after the change
 * @param occurredAt when
 */
public record AgentProfileChanged(AgentProfile profile, Instant occurredAt) {
}
