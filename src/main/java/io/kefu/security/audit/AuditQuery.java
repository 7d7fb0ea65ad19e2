package io.kefu.security.audit;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;

import io.kefu.security.AuditOutcome;

/**
 * Which audit entries to show; every part is optional.
 *
 * @param since   entries at or after this instant
 * @param actor   entries of exactly this actor
 * @param action  entries of exactly this action, or, ending in {@code *}, of actions starting with
 *                what comes before it ({@code token.*})
 * @param outcome entries with this outcome
 */
public record AuditQuery(Instant since, String actor, String action, AuditOutcome outcome) {

    static final int MAX_TEXT = 200;

    /** No filter: every entry. */
    public static final AuditQuery ALL = new AuditQuery(null, null, null, null);

    /**
     * Reads the query parameters; blank ones filter nothing.
     *
     * @param since an ISO-8601 instant ({@code 2026-03-01T08:00:00Z}), a date-time with offset, a
     *              date-time without one (read as UTC) or a date (its start, UTC)
     * @throws InvalidAuditQueryException naming the parameter that cannot be read
     */
    public static AuditQuery of(String since, String actor, String action, String outcome) {
        return new AuditQuery(instant(since), text("actor", actor), text("action", action), outcome(outcome));
    }

    /** Whether {@link #action} is a prefix ({@code token.*}) rather than an exact name. */
    boolean actionIsPrefix() {
        return action != null && action.endsWith("*");
    }

    /** {@link #action} without its trailing {@code *}. */
    String actionPrefix() {
        return action.substring(0, action.length() - 1);
    }

    private static Instant instant(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.strip();
        try {
            return OffsetDateTime.parse(v).toInstant();
        } catch (DateTimeParseException notWithOffset) {
            try {
                return LocalDateTime.parse(v).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException notLocal) {
                try {
                    return LocalDate.parse(v).atStartOfDay(ZoneOffset.UTC).toInstant();
                } catch (DateTimeParseException notADate) {
                    throw new InvalidAuditQueryException("since",
                            "must be an ISO-8601 instant or date, e.g. 2026-03-01T08:00:00Z or 2026-03-01");
                }
            }
        }
    }

    private static String text(String parameter, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.strip();
        if (v.length() > MAX_TEXT) {
            throw new InvalidAuditQueryException(parameter, "must be at most " + MAX_TEXT + " characters");
        }
        return v;
    }

    private static AuditOutcome outcome(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return AuditOutcome.valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidAuditQueryException("outcome", "must be one of SUCCESS, REFUSED, FAILED");
        }
    }
}
