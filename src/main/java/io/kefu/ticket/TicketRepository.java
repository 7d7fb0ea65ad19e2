package io.kefu.ticket;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

import io.kefu.customer.CustomerTier;

/** Stores tickets in the {@code ticket} table; the customer's external id is joined in on load. */
@Repository
class TicketRepository {

    private static final String SELECT = """
            SELECT t.*, c.external_id AS customer_external_id, c.tier AS customer_tier
              FROM ticket t JOIN customer c ON c.id = t.customer_id
            """;

    private static final String SKILL_SEPARATOR = ",";
    private static final String RULE_SEPARATOR = "\n";

    private final JdbcClient jdbc;

    TicketRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Ticket> findById(long id) {
        return jdbc.sql(SELECT + " WHERE t.id = ?").param(id).query(this::map).optional();
    }

    /**
     * The ticket if the caller may see it: any ticket for {@code everyTicket}, otherwise one of the
     * caller's queues or assigned to them. Out of reach reads as absent.
     */
    Optional<Ticket> findVisible(long id, TicketAccess access) {
        if (access.everyTicket()) {
            return findById(id);
        }
        if (access.queues().isEmpty()) {
            return jdbc.sql(SELECT + " WHERE t.id = :id AND t.assignee = :user")
                    .param("id", id).param("user", access.userId()).query(this::map).optional();
        }
        return jdbc.sql(SELECT + " WHERE t.id = :id AND (t.queue IN (:queues) OR t.assignee = :user)")
                .param("id", id).param("queues", access.queues()).param("user", access.userId())
                .query(this::map).optional();
    }

    java.util.List<Ticket> findAllById(java.util.Collection<Long> ids) {
        return jdbc.sql(SELECT + " WHERE t.id IN (:ids)").param("ids", ids).query(this::map).list();
    }

    /** The customer's ticket that is not closed yet, if any (at most one by construction). */
    Optional<Ticket> findOpenByCustomer(long customerId) {
        return jdbc.sql(SELECT + " WHERE t.customer_id = ? AND t.status <> 'CLOSED' ORDER BY t.id DESC")
                .param(customerId).query(this::map).stream().findFirst();
    }

    /** Counts for {@link SelfServiceStats}, in one pass over the window's tickets. */
    SelfServiceStats selfServiceStats(Instant since) {
        return jdbc.sql("""
                SELECT COUNT(*) AS tickets,
                       COUNT(bot_article_id) AS answered,
                       COALESCE(SUM(CASE WHEN resolved_by = 'BOT' THEN 1 ELSE 0 END), 0) AS by_bot,
                       COALESCE(SUM(CASE WHEN status = 'BOT_ANSWERED' THEN 1 ELSE 0 END), 0) AS awaiting
                  FROM ticket WHERE created_at >= ?
                """).param(ts(since)).query((rs, row) -> {
                    long answered = rs.getLong("answered");
                    long byBot = rs.getLong("by_bot");
                    long awaiting = rs.getLong("awaiting");
                    return new SelfServiceStats(since, rs.getLong("tickets"), answered, byBot, awaiting,
                            answered - byBot - awaiting);
                }).single();
    }

    long insert(Ticket ticket) {
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO ticket (customer_id, conversation_id, channel, status, topic, queue, priority,
                                    assignee, reopen_count, last_customer_message_at, created_at, updated_at, version)
                VALUES (:customerId, :conversationId, :channel, :status, :topic, :queue, :priority,
                        :assignee, 0, :lastMessage, :createdAt, :updatedAt, 0)
                """)
                .param("customerId", ticket.customerId())
                .param("conversationId", ticket.conversationId())
                .param("channel", ticket.channel().name())
                .param("status", ticket.status().name())
                .param("topic", ticket.topic() == null ? null : ticket.topic().name())
                .param("queue", ticket.queue())
                .param("priority", ticket.priority().name())
                .param("assignee", ticket.assignee())
                .param("lastMessage", ts(ticket.lastCustomerMessageAt()))
                .param("createdAt", ts(ticket.createdAt()))
                .param("updatedAt", ts(ticket.updatedAt()))
                .update(keys, "id");
        return keys.getKeyAs(Number.class).longValue();
    }

    /** Writes the ticket's state; fails if another transaction changed it in between. */
    void update(Ticket ticket) {
        Classification c = ticket.classification();
        int rows = jdbc.sql("""
                UPDATE ticket SET status = :status, topic = :topic, queue = :queue, priority = :priority,
                       assignee = :assignee, reopen_count = :reopenCount,
                       last_customer_message_at = :lastMessage, updated_at = :updatedAt,
                       resolved_at = :resolvedAt, closed_at = :closedAt, intents = :intents,
                       sentiment = :sentiment, sentiment_score = :sentimentScore, language = :language,
                       bot_article_id = :botArticleId, resolved_by = :resolvedBy,
                       required_skills = :requiredSkills, sla_policy = :slaPolicy, routing_rules = :routingRules,
                       routing_explanation = :routingExplanation,
                       version = version + 1
                 WHERE id = :id AND version = :version
                """)
                .param("status", ticket.status().name())
                .param("topic", ticket.topic() == null ? null : ticket.topic().name())
                .param("queue", ticket.queue())
                .param("priority", ticket.priority().name())
                .param("assignee", ticket.assignee())
                .param("reopenCount", ticket.reopenCount())
                .param("lastMessage", ts(ticket.lastCustomerMessageAt()))
                .param("updatedAt", ts(ticket.updatedAt()))
                .param("resolvedAt", ts(ticket.resolvedAt()))
                .param("closedAt", ts(ticket.closedAt()))
                .param("intents", c == null ? null : c.storedIntents())
                .param("sentiment", c == null ? null : c.sentiment())
                .param("sentimentScore", c == null ? null : c.sentimentScore())
                .param("language", c == null ? null : c.language())
                .param("botArticleId", ticket.botArticleId())
                .param("resolvedBy", ticket.resolvedBy() == null ? null : ticket.resolvedBy().name())
                .param("requiredSkills", joined(ticket.requiredSkills(), SKILL_SEPARATOR))
                .param("slaPolicy", ticket.slaPolicy())
                .param("routingRules", joined(ticket.routingRules(), RULE_SEPARATOR))
                .param("routingExplanation", ticket.routingRules().isEmpty() ? null : ticket.routingExplanation())
                .param("id", ticket.id())
                .param("version", ticket.version())
                .update();
        if (rows != 1) {
            throw new OptimisticLockingFailureException("Ticket " + ticket.id() + " was changed concurrently");
        }
        ticket.stored();
    }

    private Ticket map(ResultSet rs, int row) throws SQLException {
        String topic = rs.getString("topic");
        String sentiment = rs.getString("sentiment");
        Classification classification = sentiment == null ? null : new Classification(
                Classification.parseIntents(rs.getString("intents")), sentiment, rs.getDouble("sentiment_score"),
                rs.getString("language"));
        long botArticleId = rs.getLong("bot_article_id");
        Long botArticle = rs.wasNull() ? null : botArticleId;
        String resolvedBy = rs.getString("resolved_by");
        return Ticket.restore(
                rs.getLong("id"),
                rs.getLong("customer_id"),
                rs.getString("customer_external_id"),
                CustomerTier.valueOf(rs.getString("customer_tier")),
                rs.getLong("conversation_id"),
                Channel.valueOf(rs.getString("channel")),
                TicketStatus.valueOf(rs.getString("status")),
                topic == null ? null : Topic.valueOf(topic),
                rs.getString("queue"),
                Priority.valueOf(rs.getString("priority")),
                rs.getString("assignee"),
                rs.getInt("reopen_count"),
                instant(rs.getTimestamp("last_customer_message_at")),
                instant(rs.getTimestamp("created_at")),
                instant(rs.getTimestamp("updated_at")),
                instant(rs.getTimestamp("resolved_at")),
                instant(rs.getTimestamp("closed_at")),
                classification,
                botArticle,
                resolvedBy == null ? null : Resolver.valueOf(resolvedBy),
                java.util.Set.copyOf(split(rs.getString("required_skills"), SKILL_SEPARATOR)),
                rs.getString("sla_policy"),
                RoutingTrace.of(split(rs.getString("routing_rules"), RULE_SEPARATOR), rs.getString("routing_explanation")),
                rs.getInt("version"));
    }

    /** Stored as one column each: skills hold no comma, rule names no line break. */
    private static String joined(java.util.Collection<String> values, String separator) {
        return values.isEmpty() ? null : String.join(separator, values);
    }

    private static java.util.List<String> split(String stored, String separator) {
        return stored == null || stored.isEmpty() ? java.util.List.of()
                : java.util.List.of(stored.split(java.util.regex.Pattern.quote(separator)));
    }

    private static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private static Instant instant(Timestamp ts) {
        return ts == null ? null : ts.toInstant();
    }
}
