package io.kefu.ticket;

import java.time.Instant;
import java.util.Objects;

/**
 * When a target is due and when its warning falls due; {@code warnAt} is null once the warning was
 * recorded. Whole seconds: what MySQL/MariaDB keep with {@code sendFractionalSeconds=false}, so
 * the stored clocks equal the ones events carried.
 */
record SlaDeadline(Instant due, Instant warnAt) {

    SlaDeadline {
        due = SlaState.seconds(Objects.requireNonNull(due, "due"));
        warnAt = SlaState.seconds(warnAt);
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
