package io.kefu.workspace;

import java.time.Instant;

/**
 * A reply text an agent inserts instead of typing it again, with placeholders
 * (<code>{{customer.name}}</code>, <code>{{agent.name}}</code>, <code>{{ticket.id}}</code>) filled for the ticket
 * at hand.
 *
 * @param language {@code zh} or {@code en}
 * @param owner    the author, for a {@link CannedScope#PERSONAL} one; null for a team's
 * @param team     the queue (group) whose agents share it, for a {@link CannedScope#TEAM} one; null otherwise
 */
public record CannedResponse(long id, String title, String text, String language, CannedScope scope, String owner,
        String team, String createdBy, Instant createdAt, Instant updatedAt) {
}
