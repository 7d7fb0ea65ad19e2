package io.kefu.ticket;

import java.time.Instant;

/**
 * A target the ticket missed: it was due at {@code dueAt} and was recorded missed at {@code breachedAt}.
 */
public record SlaBreach(SlaTarget target, Instant dueAt, Instant breachedAt) {
}
