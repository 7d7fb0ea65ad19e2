package io.kefu.ticket;

import java.time.Instant;

/** 75 % of a target's business time had passed, unmet, when the warning was recorded at {@code warnedAt}. */
public record SlaWarning(SlaTarget target, Instant dueAt, Instant warnedAt) {
}
