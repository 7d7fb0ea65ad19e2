package io.kefu.conversation;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Starts conversations and appends messages to them. Every message gets the next sequence number
 * of its customer ({@link Message#seq()}): the conversation row counts them, locked by each append,
 * and a new conversation continues from the customer's previous one, so a chat client can resume
 * from the last number it has. Each append publishes {@link MessageAppended} in its transaction.
 */
@Service
@Transactional
public class ConversationService {

    private final JdbcClient jdbc;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    ConversationService(JdbcClient jdbc, Clock clock, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.events = events;
    }

    /**
     * Starts a conversation whose first message is appended next, in this transaction (intake holds
     * the customer's lock): the conversation's count starts after the customer's previous messages
     * and already counts that first message.
     */
    public long start(long customerId, String channel) {
        Timestamp now = Timestamp.from(now());
        long previous = jdbc.sql("SELECT COALESCE(MAX(last_seq), 0) FROM conversation WHERE customer_id = ?")
                .param(customerId).query(Long.class).single();
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO conversation (customer_id, channel, reply_channel, created_at, updated_at, last_seq)
                VALUES (?, ?, ?, ?, ?, ?)""")
                .params(customerId, channel, channel, now, now, previous + 1).update(keys, "id");
        return keys.getKeyAs(Number.class).longValue();
    }

    /** Stores a message from the customer. */
    public Message appendInbound(long conversationId, long ticketId, String author, String body) {
        return appendInbound(conversationId, ticketId, author, body, null);
    }

    /**
     * Stores a message from the customer with the id its chat client gave it (null: none); see
     * {@link #findByClientMessageId}.
     */
    public Message appendInbound(long conversationId, long ticketId, String author, String body,
            String clientMessageId) {
        return append(conversationId, ticketId, Direction.INBOUND, author, body, clientMessageId, true, null);
    }

    /**
     * Stores a message from the customer that came in on {@code channel} (null: the conversation's
     * own), which may differ from the channel the conversation opened on: a customer linked across
     * channels goes on where they like. Replies then go to that channel by default.
     */
    public Message appendInbound(long conversationId, long ticketId, String author, String body,
            String clientMessageId, String channel) {
        return append(conversationId, ticketId, Direction.INBOUND, author, body, clientMessageId, true, channel);
    }

    /**
     * Stores the customer message that opened a conversation {@link #start started} in this
     * transaction: its {@code updated_at} and count already say so, so they are not written again.
     */
    public Message appendFirstInbound(long conversationId, long ticketId, String author, String body) {
        return appendFirstInbound(conversationId, ticketId, author, body, null);
    }

    /** {@link #appendFirstInbound(long, long, String, String)} with the chat client's message id. */
    public Message appendFirstInbound(long conversationId, long ticketId, String author, String body,
            String clientMessageId) {
        return append(conversationId, ticketId, Direction.INBOUND, author, body, clientMessageId, false, null);
    }

    /**
     * Stores a reply from an agent or the bot, to be delivered on the channel of the customer's latest
     * message in this conversation.
     */
    public Message appendOutbound(long conversationId, long ticketId, String author, String body) {
        return append(conversationId, ticketId, Direction.OUTBOUND, author, body, null, true, null);
    }

    /**
     * Stores a reply to be delivered on {@code channel} (null: as {@link #appendOutbound(long, long,
     * String, String)}); the caller has checked that the customer can be reached there.
     */
    public Message appendOutbound(long conversationId, long ticketId, String author, String body, String channel) {
        return append(conversationId, ticketId, Direction.OUTBOUND, author, body, null, true, channel);
    }

    /** The channel a reply on this conversation goes to unless the agent chooses another. */
    @Transactional(readOnly = true)
    public String replyChannel(long conversationId) {
        return jdbc.sql("SELECT COALESCE(reply_channel, channel) FROM conversation WHERE id = ?").param(conversationId)
                .query(String.class).single();
    }

    /**
     * The customer's message that a chat client sent with this id, if it was stored already (a
     * resend after a reconnect). Callers hold the customer's lock, so two resends cannot both miss.
     */
    @Transactional(readOnly = true)
    public java.util.Optional<Message> findByClientMessageId(long customerId, String clientMessageId) {
        return jdbc.sql("""
                SELECT m.* FROM message m JOIN conversation c ON c.id = m.conversation_id
                 WHERE m.client_message_id = ? AND c.customer_id = ?
                """).params(clientMessageId, customerId).query(this::map).optional();
    }

    /** A message by id. */
    @Transactional(readOnly = true)
    public java.util.Optional<Message> find(long messageId) {
        return jdbc.sql("SELECT * FROM message WHERE id = ?").param(messageId).query(this::map).optional();
    }

    /**
     * The customer's messages over all their conversations with a sequence number above
     * {@code afterSeq}, in sequence order, at most {@code limit}: what a chat client missed.
     */
    @Transactional(readOnly = true)
    public List<Message> ofCustomerAfter(long customerId, long afterSeq, int limit) {
        return jdbc.sql("""
                SELECT m.* FROM message m JOIN conversation c ON c.id = m.conversation_id
                 WHERE c.customer_id = ? AND m.seq > ?
                 ORDER BY m.seq, m.id LIMIT ?
                """).params(customerId, afterSeq, limit).query(this::map).list();
    }

    /** The customer a conversation belongs to. */
    @Transactional(readOnly = true)
    public long customerOf(long conversationId) {
        return jdbc.sql("SELECT customer_id FROM conversation WHERE id = ?").param(conversationId)
                .query(Long.class).single();
    }

    /**
     * Gives every message of {@code fromTicketId} to {@code toTicketId} (a merge): the target's
     * transcript then shows both, in the order they were written; each message keeps its
     * conversation, so replies still go to the channel it came from. How many moved.
     */
    public int moveToTicket(long fromTicketId, long toTicketId) {
        return jdbc.sql("UPDATE message SET ticket_id = ? WHERE ticket_id = ?").params(toTicketId, fromTicketId).update();
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
            String clientMessageId, boolean touchConversation, String channel) {
        Instant now = now();
        if (touchConversation) {
            // Takes the conversation's row lock until commit: the numbers are handed out in commit order.
            if (direction == Direction.INBOUND && channel != null) {
                jdbc.sql("UPDATE conversation SET updated_at = ?, last_seq = last_seq + 1, reply_channel = ? WHERE id = ?")
                        .params(Timestamp.from(now), channel, conversationId).update();
            } else {
                jdbc.sql("UPDATE conversation SET updated_at = ?, last_seq = last_seq + 1 WHERE id = ?")
                        .params(Timestamp.from(now), conversationId).update();
            }
        }
        record Counted(long customerId, long seq, String channel, String replyChannel) {
        }
        Counted counted = jdbc.sql("SELECT customer_id, last_seq, channel, reply_channel FROM conversation WHERE id = ?")
                .param(conversationId).query((rs, row) -> new Counted(rs.getLong("customer_id"), rs.getLong("last_seq"),
                        rs.getString("channel"), rs.getString("reply_channel"))).single();
        long customerId = counted.customerId();
        long seq = counted.seq();
        String on = channel != null ? channel
                : direction == Direction.OUTBOUND && counted.replyChannel() != null ? counted.replyChannel()
                : counted.channel();
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO message (conversation_id, ticket_id, direction, author, body, created_at, seq, client_message_id,
                    channel)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """).params(conversationId, ticketId, direction.name(), author, body, Timestamp.from(now), seq,
                        clientMessageId, on)
                .update(keys, "id");
        Message message = new Message(keys.getKeyAs(Number.class).longValue(), conversationId, ticketId, direction,
                author, body, now, seq, clientMessageId, on);
        events.publishEvent(new MessageAppended(message, customerId, on));
        return message;
    }

    /**
     * Customer {@code fromId} was merged into {@code intoId}: their conversations become the second's,
     * and their messages are numbered after the second's, so that the merged customer's numbers stay
     * unique and a chat client resuming from one sees every message once; every conversation of the
     * merged customer continues from the highest number.
     */
    @org.springframework.context.event.EventListener
    void on(io.kefu.customer.CustomersMerged merged) {
        long intoTop = jdbc.sql("SELECT COALESCE(MAX(last_seq), 0) FROM conversation WHERE customer_id = ?")
                .param(merged.intoId()).query(Long.class).single();
        long fromTop = jdbc.sql("SELECT COALESCE(MAX(last_seq), 0) FROM conversation WHERE customer_id = ?")
                .param(merged.fromId()).query(Long.class).single();
        jdbc.sql("""
                UPDATE message SET seq = seq + ?
                 WHERE seq IS NOT NULL AND conversation_id IN (SELECT id FROM conversation WHERE customer_id = ?)
                """).params(intoTop, merged.fromId()).update();
        jdbc.sql("UPDATE conversation SET customer_id = ?, last_seq = ? WHERE customer_id IN (?, ?)")
                .params(merged.intoId(), intoTop + fromTop, merged.intoId(), merged.fromId()).update();
    }

    private Message map(ResultSet rs, int row) throws SQLException {
        long seq = rs.getLong("seq");
        return new Message(rs.getLong("id"), rs.getLong("conversation_id"), rs.getLong("ticket_id"),
                Direction.valueOf(rs.getString("direction")), rs.getString("author"), rs.getString("body"),
                rs.getTimestamp("created_at").toInstant(), rs.wasNull() ? null : seq,
                rs.getString("client_message_id"), rs.getString("channel"));
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
