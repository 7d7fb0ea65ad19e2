package io.kefu.routing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.kefu.customer.CustomerTier;
import io.kefu.ticket.Channel;
import io.kefu.ticket.Priority;
import io.kefu.ticket.Topic;

/**
 * One expected routing outcome from {@code rules/tests/routing-cases.csv}
 * ({@code tier,topic,channel,queue,priority}); the same file drives the unit tests and the
 * check every rule set passes before it goes live.
 */
public record RoutingTestCase(int line, CustomerTier tier, Topic topic, Channel channel, String queue,
        Priority priority) {

    /** Reads the cases; lines starting with {@code #} and the header are skipped. */
    public static List<RoutingTestCase> parse(Reader csv) throws IOException {
        List<RoutingTestCase> cases = new ArrayList<>();
        List<String> lines = new BufferedReader(csv).lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#") || line.toLowerCase(Locale.ROOT).startsWith("tier,")) {
                continue;
            }
            String[] cells = line.split("\\s*,\\s*");
            if (cells.length != 5) {
                throw new RuleSetInvalidException("routing-cases.csv line " + (i + 1)
                        + ": expected tier,topic,channel,queue,priority but got '" + line + "'");
            }
            try {
                cases.add(new RoutingTestCase(i + 1, CustomerTier.valueOf(cells[0].toUpperCase(Locale.ROOT)),
                        Topic.valueOf(cells[1].toUpperCase(Locale.ROOT)),
                        Channel.valueOf(cells[2].toUpperCase(Locale.ROOT)), cells[3],
                        Priority.valueOf(cells[4].toUpperCase(Locale.ROOT))));
            } catch (IllegalArgumentException bad) {
                throw new RuleSetInvalidException("routing-cases.csv line " + (i + 1) + ": " + bad.getMessage(), bad);
            }
        }
        return cases;
    }

    public RoutingRequest request() {
        return new RoutingRequest(tier, topic, channel);
    }
}
