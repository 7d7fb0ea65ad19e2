package io.kefu.ticket;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Orders of the ticket list. Each ends on the ticket id, so the order is total and a cursor (the
 * sort columns' values of the last row) resumes exactly after it, however many tickets share a time.
 */
public enum TicketSort {
    /** Oldest change first: the "changed since" feed (with {@code updatedSince}). */
    UPDATED("updated", List.of("t.updated_at"), true),
    /** Latest change first: the list's default. */
    UPDATED_DESC("-updated", List.of("t.updated_at"), false),
    CREATED("created", List.of("t.created_at"), true),
    CREATED_DESC("-created", List.of("t.created_at"), false),
    /** Serving order: most urgent first, then the oldest. */
    PRIORITY("priority", List.of("t.priority_rank", "t.created_at"), true);

    private final String key;
    private final List<String> columns;
    private final boolean ascending;

    TicketSort(String key, List<String> columns, boolean ascending) {
        this.key = key;
        this.columns = columns;
        this.ascending = ascending;
    }

    public String key() {
        return key;
    }

    /** The sort columns before the final {@code t.id}. */
    List<String> columns() {
        return columns;
    }

    boolean ascending() {
        return ascending;
    }

    public static Optional<TicketSort> parse(String key) {
        return key == null ? Optional.empty()
                : Arrays.stream(values()).filter(s -> s.key.equals(key.trim())).findFirst();
    }
}
