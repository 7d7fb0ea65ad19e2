package io.kefu.routing;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.kefu.customer.CustomerTier;
import io.kefu.ticket.Channel;
import io.kefu.ticket.Priority;
import io.kefu.ticket.Topic;

/**
 * The facts each routing decision was made from and what it decided ({@code routing_record}), written
 * in the routing's own transaction, so a candidate rule set can be replayed over tickets as they were
 * when routed.
 */
@Repository
class RoutingRecords {

    private static final String SEPARATOR = "|";

    private final JdbcClient jdbc;

    RoutingRecords(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** One routing: the ticket, when, by which rules version, from which facts, to which outcome. */
    record Routed(long ticketId, Instant routedAt, Long rulesVersion, RoutingRequest request, String queue,
            Priority priority, String slaPolicy, Set<String> requiredSkills) {
    }

    void record(long ticketId, Instant at, long rulesVersion, RoutingRequest request, RoutingDecision decision) {
        jdbc.sql("""
                INSERT INTO routing_record (ticket_id, routed_at, rules_version, tier, topic, channel, intents,
                       sentiment_score, queue, priority, sla_policy, required_skills)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
                .params(ticketId, Timestamp.from(at), rulesVersion == 0 ? null : rulesVersion,
                        request.getTier().name(), request.getTopic().name(), request.getChannel().name(),
                        joined(request.getIntents()), request.getSentimentScore(), decision.getQueue(),
                        decision.getPriority().name(), decision.getSlaPolicy(), joined(decision.getRequiredSkills()))
                .update();
    }

    /**
     * The latest routing of each of the last {@code limit} routed tickets, newest first, optionally only
     * routings in [{@code from}, {@code to}).
     */
    List<Routed> latest(int limit, Instant from, Instant to) {
        StringBuilder where = new StringBuilder();
        JdbcClient.StatementSpec spec;
        if (from != null) {
            where.append(" AND routed_at >= :from");
        }
        if (to != null) {
            where.append(" AND routed_at < :to");
        }
        spec = jdbc.sql("""
                SELECT r.* FROM routing_record r
                 WHERE r.id IN (SELECT MAX(id) FROM routing_record WHERE 1 = 1%s GROUP BY ticket_id)
                 ORDER BY r.id DESC
                 LIMIT %d
                """.formatted(where, limit));
        if (from != null) {
            spec = spec.param("from", Timestamp.from(from));
        }
        if (to != null) {
            spec = spec.param("to", Timestamp.from(to));
        }
        return spec.query((rs, row) -> {
            long version = rs.getLong("rules_version");
            Long rulesVersion = rs.wasNull() ? null : version;
            RoutingRequest request = new RoutingRequest(
                    CustomerTier.valueOf(rs.getString("tier")), Topic.valueOf(rs.getString("topic")),
                    Channel.valueOf(rs.getString("channel")), split(rs.getString("intents")),
                    rs.getDouble("sentiment_score"));
            return new Routed(rs.getLong("ticket_id"), rs.getTimestamp("routed_at").toInstant(), rulesVersion, request,
                    rs.getString("queue"), Priority.valueOf(rs.getString("priority").toUpperCase(Locale.ROOT)),
                    rs.getString("sla_policy"), split(rs.getString("required_skills")));
        }).list();
    }

    private static String joined(Set<String> values) {
        return values.isEmpty() ? null : String.join(SEPARATOR, new TreeSet<>(values));
    }

    private static Set<String> split(String stored) {
        return stored == null || stored.isEmpty() ? Set.of()
                : Set.copyOf(Arrays.asList(stored.split(java.util.regex.Pattern.quote(SEPARATOR))));
    }
}
