package io.kefu.ticket;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

import io.kefu.customer.CustomerTier;

/**
 * What the ticket list asks for: filters (each parameter may list several values, comma-separated,
 * any of which matches), a saved view, an order, a cursor and a page size. Built from request
 * parameters by {@link #parse(Map)}, which refuses a bad one with {@link InvalidTicketQueryException}
 * naming it. Times are ISO-8601 instants or dates (a date is its start, UTC); {@code createdTo} and
 * {@code updatedBefore} are exclusive, and as a date they include that day.
 *
 * @param assignee a user id, {@code me} (the caller) or {@code none} (unassigned); null for any
 * @param text     full text: the ticket's messages (any word order, case-insensitive), the customer's
 *                 external id, or the ticket id ({@code 42} or {@code #42})
 * @param cursor   where the previous page ended, in this sort; null for the first page
 */
public record TicketQuery(Set<TicketStatus> statuses, Set<String> queues, String assignee, Set<Channel> channels,
        Set<Priority> priorities, Set<CustomerTier> tiers, String customer, Set<Topic> topics, String intent,
        Instant createdFrom, Instant createdTo, Instant updatedSince, Instant updatedBefore, String text,
        TicketListView view, TicketSort sort, Cursor cursor, int limit) {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 200;
    static final int MAX_TEXT = 200;
    /** The names queues, users and intents are made of; anything else cannot match and is refused. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@:-]{0,127}");
    /** Parameters the list understands; any other is refused, so a typo does not silently list everything. */
    static final Set<String> PARAMETERS = Set.of("status", "queue", "assignee", "channel", "priority", "tier",
            "customer", "topic", "intent", "createdFrom", "createdTo", "updatedSince", "updatedBefore", "q", "view",
            "sort", "cursor", "limit");

    public TicketQuery {
        statuses = Set.copyOf(statuses);
        queues = Set.copyOf(queues);
        channels = Set.copyOf(channels);
        priorities = Set.copyOf(priorities);
        tiers = Set.copyOf(tiers);
        topics = Set.copyOf(topics);
    }

    /**
     * Reads the request's parameters (unknown ones, bad values and a cursor of another order are
     * refused). Without {@code sort}: oldest change first when {@code updatedSince} is given (the
     * feed), otherwise latest change first.
     */
    public static TicketQuery parse(Map<String, String> params) {
        for (String name : params.keySet()) {
            if (!PARAMETERS.contains(name)) {
                throw new InvalidTicketQueryException(name, "unknown parameter; known: " + String.join(", ",
                        new java.util.TreeSet<>(PARAMETERS)));
            }
        }
        Instant updatedSince = instant(params, "updatedSince", false);
        TicketSort sort = blank(params.get("sort")) ? (updatedSince != null ? TicketSort.UPDATED : TicketSort.UPDATED_DESC)
                : TicketSort.parse(params.get("sort")).orElseThrow(() -> new InvalidTicketQueryException("sort",
                        "one of " + Arrays.stream(TicketSort.values()).map(TicketSort::key).toList()));
        TicketListView view = blank(params.get("view")) ? null : TicketListView.parse(params.get("view"))
                .orElseThrow(() -> new InvalidTicketQueryException("view",
                        "one of " + Arrays.stream(TicketListView.values()).map(TicketListView::key).toList()));
        String text = trimmed(params.get("q"));
        if (text != null && text.length() > MAX_TEXT) {
            throw new InvalidTicketQueryException("q", "at most " + MAX_TEXT + " characters");
        }
        String assignee = trimmed(params.get("assignee"));
        if (assignee != null && !NAME.matcher(assignee).matches()) {
            throw new InvalidTicketQueryException("assignee", "a user id, me or none");
        }
        String customer = trimmed(params.get("customer"));
        if (customer != null && customer.length() > 128) {
            throw new InvalidTicketQueryException("customer", "at most 128 characters");
        }
        String intent = trimmed(params.get("intent"));
        if (intent != null && !NAME.matcher(intent).matches()) {
            throw new InvalidTicketQueryException("intent", "an intent name");
        }
        return new TicketQuery(
                values(params, "status", TicketStatus.class),
                names(params, "queue"),
                assignee,
                values(params, "channel", Channel.class),
                values(params, "priority", Priority.class),
                values(params, "tier", CustomerTier.class),
                customer,
                values(params, "topic", Topic.class),
                intent,
                instant(params, "createdFrom", false),
                instant(params, "createdTo", true),
                updatedSince,
                instant(params, "updatedBefore", true),
                text,
                view,
                sort,
                Cursor.decode(params.get("cursor"), sort),
                limit(params.get("limit")));
    }

    private static int limit(String value) {
        if (blank(value)) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(value.trim());
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // refused below, as an out-of-range number is
        }
        throw new InvalidTicketQueryException("limit", "a number from 1 to " + MAX_LIMIT);
    }

    private static <E extends Enum<E>> Set<E> values(Map<String, String> params, String name, Class<E> type) {
        Set<E> found = EnumSet.noneOf(type);
        for (String value : split(params.get(name))) {
            String wanted = value.toUpperCase(Locale.ROOT);
            found.add(Arrays.stream(type.getEnumConstants()).filter(e -> e.name().equals(wanted)).findFirst()
                    .orElseThrow(() -> new InvalidTicketQueryException(name, "'" + value + "' is not one of "
                            + Arrays.toString(type.getEnumConstants()))));
        }
        return found;
    }

    private static Set<String> names(Map<String, String> params, String name) {
        Set<String> found = new LinkedHashSet<>();
        for (String value : split(params.get(name))) {
            if (!NAME.matcher(value).matches()) {
                throw new InvalidTicketQueryException(name, "'" + value + "' is not a queue name");
            }
            found.add(value);
        }
        return found;
    }

    private static List<String> split(String value) {
        if (blank(value)) {
            return List.of();
        }
        List<String> parts = new ArrayList<>();
        for (String part : value.split(",")) {
            if (!part.isBlank()) {
                parts.add(part.trim());
            }
        }
        return parts;
    }

    private static Instant instant(Map<String, String> params, String name, boolean endOfDay) {
        String value = trimmed(params.get(name));
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException notInstant) {
            try {
                LocalDate day = LocalDate.parse(value);
                return (endOfDay ? day.plusDays(1) : day).atStartOfDay(ZoneOffset.UTC).toInstant();
            } catch (DateTimeParseException notDate) {
                throw new InvalidTicketQueryException(name, "an ISO-8601 instant (2026-01-31T08:00:00Z) or date (2026-01-31)");
            }
        }
    }

    private static String trimmed(String value) {
        return blank(value) ? null : value.trim();
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    /**
     * Where a page ended: the sort's column values of its last ticket and that ticket's id, opaque
     * to clients (URL-safe Base64 of {@code sort|value…|id}); times as epoch milliseconds.
     */
    public record Cursor(TicketSort sort, List<Long> values, long id) {

        public Cursor {
            values = List.copyOf(values);
        }

        String encode() {
            StringBuilder s = new StringBuilder(sort.key());
            values.forEach(v -> s.append('|').append(v));
            s.append('|').append(id);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(s.toString().getBytes(StandardCharsets.UTF_8));
        }

        static Cursor decode(String encoded, TicketSort sort) {
            if (blank(encoded)) {
                return null;
            }
            try {
                String[] parts = new String(Base64.getUrlDecoder().decode(encoded.trim()), StandardCharsets.UTF_8)
                        .split("\\|");
                if (parts.length != sort.columns().size() + 2) {
                    throw new IllegalArgumentException("length");
                }
                if (!parts[0].equals(sort.key())) {
                    throw new InvalidTicketQueryException("cursor", "belongs to sort " + parts[0] + ", not " + sort.key());
                }
                Function<String, Long> number = Long::parseLong;
                List<Long> values = Arrays.stream(parts, 1, parts.length - 1).map(number).toList();
                return new Cursor(sort, values, Long.parseLong(parts[parts.length - 1]));
            } catch (IllegalArgumentException e) {
                throw new InvalidTicketQueryException("cursor", "not a cursor this list gave out");
            }
        }
    }

    /** The view, if one was asked for. */
    public Optional<TicketListView> savedView() {
        return Optional.ofNullable(view);
    }
}
