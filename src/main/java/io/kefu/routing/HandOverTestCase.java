package io.kefu.routing;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * One expected hand-over from {@code rules/tests/handover-cases.csv}: columns {@code sentiment}
 * (empty = 0), {@code intents} ({@code |}-separated) and {@code person} ({@code true}/{@code false}).
 * The same file drives {@code HandOverRulesTest} and the check every rule set passes before it goes live.
 */
record HandOverTestCase(int line, double sentimentScore, Set<String> intents, boolean person) {

    static List<HandOverTestCase> parse(Reader csv) throws IOException {
        List<HandOverTestCase> cases = new ArrayList<>();
        try (CSVParser parser = CSVParser.parse(csv, RoutingTestCase.FORMAT)) {
            if (!parser.getHeaderMap().keySet().stream().map(h -> h.toLowerCase(Locale.ROOT)).toList()
                    .containsAll(List.of("sentiment", "intents", "person"))) {
                throw new RuleSetInvalidException("handover-cases.csv line 1: the header needs the columns "
                        + "sentiment, intents, person but is '" + String.join(",", parser.getHeaderNames()) + "'");
            }
            for (CSVRecord record : parser) {
                int line = (int) parser.getCurrentLineNumber();
                try {
                    String sentiment = record.get("sentiment");
                    String intents = record.get("intents");
                    String person = record.get("person").toLowerCase(Locale.ROOT);
                    if (!person.equals("true") && !person.equals("false")) {
                        throw new IllegalArgumentException("person must be true or false, not '" + person + "'");
                    }
                    cases.add(new HandOverTestCase(line, sentiment.isEmpty() ? 0 : Double.parseDouble(sentiment),
                            RoutingTestCase.labels(intents),
                            Boolean.parseBoolean(person)));
                } catch (IllegalArgumentException | IllegalStateException bad) {
                    throw new RuleSetInvalidException("handover-cases.csv line " + line + ": " + bad.getMessage(), bad);
                }
            }
        } catch (IllegalArgumentException badHeader) {
            throw new RuleSetInvalidException("handover-cases.csv: " + badHeader.getMessage(), badHeader);
        }
        return cases;
    }

    HandOverRequest request() {
        return new HandOverRequest(intents, sentimentScore);
    }
}
