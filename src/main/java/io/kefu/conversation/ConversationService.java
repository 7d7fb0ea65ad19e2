package io.kefu.conversation;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Starts conversations and appends messages to them. */
@Service
@Transactional
public class ConversationService {

    private final JdbcClient jdbc;
    private final Clock clock;

    ConversationService(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public long start(long customerId, String channel) {
        Timestamp now = Timestamp.from(now());
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO conversation (customer_id, channel, created_at, updated_at) VALUES (?, ?, ?, ?)")
                .params(customerId, channel, now, now).update(keys, "id");
        return keys.getKeyAs(Number.class).longValue();
    }

    /** Stores a message from the customer. */
    public Message appendInbound(long conversationId, long ticketId, String author, String body) {
        return append(conversationId, ticketId, Direction.INBOUND, author, body, true);
    }

    /**
     * Stores the customer message that opened a conversation {@link #start started} in this
     * transaction: its {@code updated_at} already says when, so it is not written again.
     */
    public Message appendFirstInbound(long conversationId, long ticketId, String author, String body) {
        return append(conversationId, ticketId, Direction.INBOUND, author, body, false);
    }

    /** Stores a reply from an agent or the bot, to be delivered on the customer's channel. */
    public Message appendOutbound(long conversationId, long ticketId, String author, String body) {
        return append(conversationId, ticketId, Direction.OUTBOUND, author, body, true);
    }

    /** All messages of a ticket, oldest first. */
    @Transactional(readOnly = true)
    public List<Message> transcript(long ticketId) {
        return jdbc.sql("SELECT * FROM message WHERE ticket_id = ? ORDER BY id").param(ticketId).query(this::map)
                .list();
    }

    /** The customer's first message on a ticket (what triage and the bot read), if any. */
    @Transactional(readOnly = true)
    public java.util.Optional<Message> firstInbound(long ticketId) {
        return jdbc.sql("SELECT * FROM message WHERE ticket_id = ? AND direction = 'INBOUND' ORDER BY id LIMIT 1")
                .param(ticketId).query(this::map).optional();
    }

    /** The latest customer message of each of these tickets, by ticket id; one query. */
    @Transactional(readOnly = true)
    public java.util.Map<Long, Message> lastInbound(java.util.Collection<Long> ticketIds) {
        if (ticketIds.isEmpty()) {
            return java.util.Map.of();
        }
        return jdbc.sql("""
                SELECT * FROM message WHERE id IN (
                    SELECT MAX(id) FROM message WHERE ticket_id IN (:ids) AND direction = 'INBOUND' GROUP BY ticket_id)
                """).param("ids", ticketIds).query(this::map).stream()
                .collect(java.util.stream.Collectors.toMap(Message::ticketId, m -> m));
    }

    /** Whether {@code author} wrote to the customer on this ticket at or after {@code since}. */
    @Transactional(readOnly = true)
    public boolean hasOutboundSince(long ticketId, String author, java.time.Instant since) {
        return jdbc.sql("SELECT COUNT(*) FROM message WHERE ticket_id = ? AND direction = 'OUTBOUND' AND author = ?"
                + " AND created_at >= ?").params(ticketId, author, java.sql.Timestamp.from(since))
                .query(Long.class).single() > 0;
    }

    private Message append(long conversationId, long ticketId, Direction direction, String author, String body,
            boolean touchConversation) {
        Instant now = now();
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO message (conversation_id, ticket_id, direction, author, body, created_at)
                VALUES (?, ?, ?, ?, ?, ?)
                """).params(conversationId, ticketId, direction.name(), author, body, Timestamp.from(now))
                .update(keys, "id");
        if (touchConversation) {
            jdbc.sql("UPDATE conversation SET updated_at = ? WHERE id = ?").params(Timestamp.from(now), conversationId)
                    .update();
        }
        return new Message(keys.getKeyAs(Number.class).longValue(), conversationId, ticketId, direction, author, body,
                now);
    }

    private Message map(ResultSet rs, int row) throws SQLException {
        return new Message(rs.getLong("id"), rs.getLong("conversation_id"), rs.getLong("ticket_id"),
                Direction.valueOf(rs.getString("direction")), rs.getString("author"), rs.getString("body"),
                rs.getTimestamp("created_at").toInstant());
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
