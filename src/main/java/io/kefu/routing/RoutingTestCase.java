package io.kefu.routing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.kefu.customer.CustomerTier;
import io.kefu.ticket.Channel;
import io.kefu.ticket.Priority;
import io.kefu.ticket.Topic;

/**
 * One expected routing outcome from {@code rules/tests/routing-cases.csv}; the same file drives
 * the unit tests and the check every rule set passes before it goes live.
 *
 * <p>The header names the columns, in any order: {@code tier,topic,channel,queue,priority} are
 * required; {@code sentiment} (a score in [−1, 1], default 0) and {@code intents}
 * ({@code |}-separated labels, default none) are optional triage facts.
 */
public record RoutingTestCase(int line, CustomerTier tier, Topic topic, Channel channel, Set<String> intents,
        double sentimentScore, String queue, Priority priority) {

    private static final List<String> REQUIRED = List.of("tier", "topic", "channel", "queue", "priority");

    /** Reads the cases; blank lines and lines starting with {@code #} are skipped. */
    public static List<RoutingTestCase> parse(Reader csv) throws IOException {
        List<RoutingTestCase> cases = new ArrayList<>();
        List<String> lines = new BufferedReader(csv).lines().toList();
        Map<String, Integer> columns = null;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] cells = line.split("\\s*,\\s*", -1);
            if (columns == null) {
                columns = header(cells, i + 1);
                continue;
            }
            if (cells.length != columns.size()) {
                throw new RuleSetInvalidException("routing-cases.csv line " + (i + 1) + ": expected "
                        + columns.size() + " cells as in the header but got '" + line + "'");
            }
            try {
                cases.add(row(i + 1, cells, columns));
            } catch (IllegalArgumentException bad) {
                throw new RuleSetInvalidException("routing-cases.csv line " + (i + 1) + ": " + bad.getMessage(), bad);
            }
        }
        return cases;
    }

    private static Map<String, Integer> header(String[] cells, int line) {
        Map<String, Integer> columns = new HashMap<>();
        for (int c = 0; c < cells.length; c++) {
            columns.put(cells[c].toLowerCase(Locale.ROOT), c);
        }
        for (String required : REQUIRED) {
            if (!columns.containsKey(required)) {
                throw new RuleSetInvalidException("routing-cases.csv line " + line + ": the header needs the columns "
                        + REQUIRED + " (optional: sentiment, intents) but is '" + String.join(",", cells) + "'");
            }
        }
        return columns;
    }

    private static RoutingTestCase row(int line, String[] cells, Map<String, Integer> columns) {
        String sentiment = cell(cells, columns, "sentiment");
        String intents = cell(cells, columns, "intents");
        return new RoutingTestCase(line,
                CustomerTier.valueOf(cell(cells, columns, "tier").toUpperCase(Locale.ROOT)),
                Topic.valueOf(cell(cells, columns, "topic").toUpperCase(Locale.ROOT)),
                Channel.valueOf(cell(cells, columns, "channel").toUpperCase(Locale.ROOT)),
                intents.isEmpty() ? Set.of() : Set.copyOf(Arrays.asList(intents.split("\\s*\\|\\s*"))),
                sentiment.isEmpty() ? 0 : Double.parseDouble(sentiment),
                cell(cells, columns, "queue"),
                Priority.valueOf(cell(cells, columns, "priority").toUpperCase(Locale.ROOT)));
    }

    private static String cell(String[] cells, Map<String, Integer> columns, String name) {
        Integer at = columns.get(name);
        return at == null ? "" : cells[at];
    }

    public RoutingRequest request() {
        return new RoutingRequest(tier, topic, channel, intents, sentimentScore);
    }
}
