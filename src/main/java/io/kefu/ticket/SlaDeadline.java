package io.kefu.ticket;

import java.time.Instant;
import java.util.Objects;

/**
 * When a target is due and when its warning falls due; {@code warnAt} is null once the warning was
 * recorded.
 */
record SlaDeadline(Instant due, Instant warnAt) {

    SlaDeadline {
        Objects.requireNonNull(due, "due");
    }

    SlaDeadline warned() {
        return new SlaDeadline(due, null);
    }

    /** The same share of business time left, counted again from {@code resumedAt}. */
    SlaDeadline resumed(SlaTerms.Calendar calendar, Instant pausedAt, Instant resumedAt) {
        return new SlaDeadline(shift(calendar, due, pausedAt, resumedAt),
                warnAt == null ? null : shift(calendar, warnAt, pausedAt, resumedAt));
    }

    private static Instant shift(SlaTerms.Calendar calendar, Instant at, Instant pausedAt, Instant resumedAt) {
        if (!at.isAfter(pausedAt)) {
            return at;
        }
        return calendar.plus(resumedAt, calendar.between(pausedAt, at));
    }
}
