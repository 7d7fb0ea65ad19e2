package io.kefu.sla;

import java.io.IOException;
import java.io.Reader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import io.kefu.customer.CustomerTier;
import io.kefu.ticket.Channel;
import io.kefu.ticket.Priority;

/**
 * One expected outcome of {@code rules/tests/sla-cases.csv}: for a policy, tier, priority and
 * channel, the three targets and the calendar. The same file drives the unit test and the check
 * at start-up. Header: {@code policy,tier,priority,channel,first_response,next_response,resolution,calendar}.
 */
record SlaTestCase(int line, String policy, CustomerTier tier, Priority priority, Channel channel,
        Duration firstResponse, Duration nextResponse, Duration resolution, String calendar) {

    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder()
            .setHeader().setSkipHeaderRecord(true).setIgnoreHeaderCase(true).setCommentMarker('#')
            .setIgnoreEmptyLines(true).setIgnoreSurroundingSpaces(true).setTrim(true).get();

    static List<SlaTestCase> parse(Reader csv) throws IOException {
        List<SlaTestCase> cases = new ArrayList<>();
        try (CSVParser parser = FORMAT.parse(csv)) {
            for (CSVRecord r : parser) {
                int line = (int) parser.getCurrentLineNumber();
                try {
                    cases.add(new SlaTestCase(line, r.get("policy"),
                            CustomerTier.valueOf(r.get("tier").toUpperCase(Locale.ROOT)),
                            Priority.valueOf(r.get("priority").toUpperCase(Locale.ROOT)),
                            Channel.valueOf(r.get("channel").toUpperCase(Locale.ROOT)),
                            Duration.parse(r.get("first_response")), Duration.parse(r.get("next_response")),
                            Duration.parse(r.get("resolution")), r.get("calendar")));
                } catch (RuntimeException e) {
                    throw new SlaConfigurationException(SlaPolicies.CASES_FILE + " line " + line + ": " + e.getMessage(), e);
                }
            }
        }
        return cases;
    }

    /** What the policies answer differently from each case, one line per failing case. */
    static List<String> check(SlaPolicies policies, List<SlaTestCase> cases) {
        List<String> failures = new ArrayList<>();
        for (SlaTestCase expected : cases) {
            SlaTargets actual = policies.targets(expected.policy(), expected.tier(), expected.priority(),
                    expected.channel());
            if (!expected.matches(actual)) {
                failures.add("line " + expected.line() + " " + expected.policy() + "/" + expected.tier() + "/"
                        + expected.priority() + "/" + expected.channel() + ": expected " + expected.firstResponse()
                        + " " + expected.nextResponse() + " " + expected.resolution() + " in " + expected.calendar()
                        + ", got " + actual.firstResponse() + " " + actual.nextResponse() + " " + actual.resolution()
                        + " in " + actual.calendar().name());
            }
        }
        return failures;
    }

    boolean matches(SlaTargets actual) {
        return actual.firstResponse().equals(firstResponse) && actual.nextResponse().equals(nextResponse)
                && actual.resolution().equals(resolution) && actual.calendar().name().equals(calendar);
    }
}
