package io.kefu.agent;

import java.time.Instant;
import java.util.List;

/**
 * An agent as the API shows them.
 *
 * @param userId         the Camunda user
 * @param queues         the queues they work (their Camunda groups other than role groups), sorted
 * @param skills         sorted, e.g. {@code billing}, {@code tech.senior}
 * @param languages      sorted, e.g. {@code en}, {@code zh}
 * @param capacity       conversations they take at once, per kind of work
 * @param load           tickets they hold now (ASSIGNED), per kind of work, counted in the database
 * @param presence       ONLINE, AWAY or OFFLINE
 * @param presenceSince  when the presence last changed (null for a user without a profile: OFFLINE)
 * @param workingHours   their shifts, or null
 * @param lastAssignedAt when they last got a ticket (pushed or claimed), or null
 */
public record AgentProfile(String userId, List<String> queues, List<String> skills, List<String> languages,
        AgentCapacity capacity, AgentCapacity load, AgentPresence presence, Instant presenceSince,
        WorkingHours workingHours, Instant lastAssignedAt) {
}
