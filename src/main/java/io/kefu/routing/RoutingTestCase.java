package io.kefu.routing;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import io.kefu.customer.CustomerTier;
import io.kefu.ticket.Channel;
import io.kefu.ticket.Priority;
import io.kefu.ticket.Topic;

/**
 * One expected routing outcome from {@code rules/tests/routing-cases.csv}; the same file drives
 * the unit tests and the check every rule set passes before it goes live.
 *
 * <p>The header names the columns, in any order and case: {@code tier,topic,channel,queue,priority}
 * are required; {@code sentiment} (a score in [−1, 1], default 0) and {@code intents}
 * ({@code |}-separated labels, default none) are optional triage facts; {@code skills}
 * ({@code |}-separated, empty = none) and {@code sla} (the SLA policy's name) are optional
 * expectations, checked only when their column is there ({@code null} here otherwise). Cells are
 * trimmed; a cell may be quoted as in RFC 4180.
 */
public record RoutingTestCase(int line, CustomerTier tier, Topic topic, Channel channel, Set<String> intents,
        double sentimentScore, String queue, Priority priority, Set<String> skills, String slaPolicy) {

    private static final List<String> REQUIRED = List.of("tier", "topic", "channel", "queue", "priority");

    /** How every case table under {@code rules/tests/} is read: a header, {@code #} comments, trimmed cells. */
    static final CSVFormat FORMAT = CSVFormat.RFC4180.builder()
            .setHeader().setSkipHeaderRecord(true)
            .setIgnoreHeaderCase(true)
            .setCommentMarker('#')
            .setIgnoreEmptyLines(true)
            .setIgnoreSurroundingSpaces(true)
            .setTrim(true)
            .get();

    /** Reads the cases; blank lines and lines starting with {@code #} are skipped. */
    public static List<RoutingTestCase> parse(Reader csv) throws IOException {
        List<RoutingTestCase> cases = new ArrayList<>();
        try (CSVParser parser = open(csv)) {
            List<String> header = parser.getHeaderNames();
            Map<String, Integer> columns = parser.getHeaderMap();
            if (!REQUIRED.stream().allMatch(columns::containsKey)) {
                throw new RuleSetInvalidException("routing-cases.csv line " + parser.getCurrentLineNumber()
                        + ": the header needs the columns " + REQUIRED + " (optional: sentiment, intents, skills, sla) but is '"
                        + String.join(",", header) + "'");
            }
            for (CSVRecord record : parser) {
                int line = (int) parser.getCurrentLineNumber();
                if (record.size() != header.size()) {
                    throw new RuleSetInvalidException("routing-cases.csv line " + line + ": expected "
                            + header.size() + " cells as in the header but got '" + String.join(",", record.values())
                            + "'");
                }
                try {
                    cases.add(row(line, record));
                } catch (IllegalArgumentException bad) {
                    throw new RuleSetInvalidException("routing-cases.csv line " + line + ": " + bad.getMessage(), bad);
                }
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        return cases;
    }

    private static CSVParser open(Reader csv) throws IOException {
        try {
            return CSVParser.parse(csv, FORMAT);
        } catch (IllegalArgumentException badHeader) {
            throw new RuleSetInvalidException("routing-cases.csv: " + badHeader.getMessage(), badHeader);
        }
    }

    private static RoutingTestCase row(int line, CSVRecord record) {
        String sentiment = cell(record, "sentiment");
        String intents = cell(record, "intents");
        return new RoutingTestCase(line,
                CustomerTier.valueOf(cell(record, "tier").toUpperCase(Locale.ROOT)),
                Topic.valueOf(cell(record, "topic").toUpperCase(Locale.ROOT)),
                Channel.valueOf(cell(record, "channel").toUpperCase(Locale.ROOT)),
                labels(intents),
                sentiment.isEmpty() ? 0 : Double.parseDouble(sentiment),
                cell(record, "queue"),
                Priority.valueOf(cell(record, "priority").toUpperCase(Locale.ROOT)),
                record.isMapped("skills") ? labels(cell(record, "skills")) : null,
                record.isMapped("sla") ? cell(record, "sla") : null);
    }

    /** {@code a|b} as a set of labels; empty for an empty cell. */
    static Set<String> labels(String cell) {
        return cell.isEmpty() ? Set.of() : Set.copyOf(Arrays.asList(cell.split("\\s*\\|\\s*")));
    }

    /** What is wrong with {@code actual} against this case's expectations; empty when it matches. */
    public List<String> mismatches(RoutingDecision actual) {
        List<String> wrong = new ArrayList<>();
        if (!queue.equals(actual.getQueue())) {
            wrong.add("queue " + queue + " but got " + actual.getQueue());
        }
        if (priority != actual.getPriority()) {
            wrong.add("priority " + priority + " but got " + actual.getPriority());
        }
        if (skills != null && !skills.equals(actual.getRequiredSkills())) {
            wrong.add("skills " + new java.util.TreeSet<>(skills) + " but got " + actual.getRequiredSkills());
        }
        if (slaPolicy != null && !slaPolicy.equals(actual.getSlaPolicy())) {
            wrong.add("SLA policy " + slaPolicy + " but got " + actual.getSlaPolicy());
        }
        return wrong;
    }

    private static String cell(CSVRecord record, String name) {
        return record.isMapped(name) ? record.get(name) : "";
    }

    public RoutingRequest request() {
        return new RoutingRequest(tier, topic, channel, intents, sentimentScore);
    }
}
