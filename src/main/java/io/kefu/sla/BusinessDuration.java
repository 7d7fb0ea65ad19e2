package io.kefu.sla;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.Optional;

/**
 * An amount of business time in a named calendar, as a BPMN timer duration reads it:
 * {@code business:cn-office:PT30M}. Kefu's business calendar in the engine resolves such a timer
 * with {@link BusinessHours#plus}; a plain ISO-8601 duration stays wall-clock time.
 *
 * @param calendar a calendar of {@code rules/calendars/} (or {@code always-open})
 * @param amount   how much business time
 */
public record BusinessDuration(String calendar, Duration amount) {

    public static final String PREFIX = "business:";

    public BusinessDuration {
        Objects.requireNonNull(calendar, "calendar");
        Objects.requireNonNull(amount, "amount");
        if (calendar.isBlank() || calendar.contains(":")) {
            throw new IllegalArgumentException("calendar name must be non-blank and hold no ':': " + calendar);
        }
    }

    /** The timer text, e.g. {@code business:cn-office:PT30M}. */
    @Override
    public String toString() {
        return PREFIX + calendar + ":" + amount;
    }

    /**
     * Reads a timer text: empty when it is no business duration (no {@code business:} prefix);
     * {@link IllegalArgumentException} when it has the prefix but is malformed.
     */
    public static Optional<BusinessDuration> parse(String text) {
        if (text == null || !text.startsWith(PREFIX)) {
            return Optional.empty();
        }
        String rest = text.substring(PREFIX.length());
        int colon = rest.indexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("business time must read business:<calendar>:<ISO-8601 duration>: " + text);
        }
        try {
            return Optional.of(new BusinessDuration(rest.substring(0, colon), Duration.parse(rest.substring(colon + 1))));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("business time must read business:<calendar>:<ISO-8601 duration>: " + text, e);
        }
    }
}
