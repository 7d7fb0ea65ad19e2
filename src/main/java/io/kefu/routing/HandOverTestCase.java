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

/**
 * One expected hand-over from {@code rules/tests/handover-cases.csv}; the same file drives
 * {@code HandOverRulesTest} and the check every rule set passes before it goes live.
 *
 * <p>The header names the columns, in any order and case: {@code to_person} ({@code true}: the
 * ticket goes straight to a person; {@code false}: the bot may answer) is required;
 * {@code sentiment} (a score in [−1, 1], default 0) and {@code intents} ({@code |}-separated
 * labels, default none) are the triage facts. Cells are trimmed; a cell may be quoted as in
 * RFC 4180; lines starting with {@code #} are comments.
 */
public record HandOverTestCase(int line, Set<String> intents, double sentimentScore, boolean toPerson) {

    static final String FILE = "handover-cases.csv";

    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder()
            .setHeader().setSkipHeaderRecord(true)
            .setIgnoreHeaderCase(true)
            .setCommentMarker('#')
            .setIgnoreEmptyLines(true)
            .setIgnoreSurroundingSpaces(true)
            .setTrim(true)
            .get();

    /** Reads the cases; blank lines and lines starting with {@code #} are skipped. */
    public static List<HandOverTestCase> parse(Reader csv) throws IOException {
        List<HandOverTestCase> cases = new ArrayList<>();
        try (CSVParser parser = open(csv)) {
            List<String> header = parser.getHeaderNames();
            Map<String, Integer> columns = parser.getHeaderMap();
            if (!columns.containsKey("to_person")) {
                throw new RuleSetInvalidException(FILE + " line " + parser.getCurrentLineNumber()
                        + ": the header needs the column to_person (optional: sentiment, intents) but is '"
                        + String.join(",", header) + "'");
            }
            for (CSVRecord record : parser) {
                int line = (int) parser.getCurrentLineNumber();
                if (record.size() != header.size()) {
                    throw new RuleSetInvalidException(FILE + " line " + line + ": expected " + header.size()
                            + " cells as in the header but got '" + String.join(",", record.values()) + "'");
                }
                try {
                    cases.add(row(line, record));
                } catch (IllegalArgumentException bad) {
                    throw new RuleSetInvalidException(FILE + " line " + line + ": " + bad.getMessage(), bad);
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
            throw new RuleSetInvalidException(FILE + ": " + badHeader.getMessage(), badHeader);
        }
    }

    private static HandOverTestCase row(int line, CSVRecord record) {
        String sentiment = cell(record, "sentiment");
        String intents = cell(record, "intents");
        return new HandOverTestCase(line,
                intents.isEmpty() ? Set.of() : Set.copyOf(Arrays.asList(intents.split("\\s*\\|\\s*"))),
                sentiment.isEmpty() ? 0 : Double.parseDouble(sentiment),
                bool(cell(record, "to_person")));
    }

    private static boolean bool(String cell) {
        return switch (cell.toLowerCase(Locale.ROOT)) {
            case "true", "yes" -> true;
            case "false", "no" -> false;
            default -> throw new IllegalArgumentException("to_person must be true or false, not '" + cell + "'");
        };
    }

    private static String cell(CSVRecord record, String name) {
        return record.isMapped(name) ? record.get(name) : "";
    }

    /** The fact the rules decide on. */
    public HandOverRequest request() {
        return new HandOverRequest(intents, sentimentScore);
    }
}
