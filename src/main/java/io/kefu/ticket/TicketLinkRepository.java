package io.kefu.ticket;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Stores ticket links in {@code ticket_link} (V31), each once with the smaller id first, and what
 * the link is (V36): {@code RELATED}, or {@code FOLLOW_UP} when the higher ticket is the follow-up of
 * the lower one.
 */
@Repository
class TicketLinkRepository {

    /** One end of a link as stored: the other ticket, who linked them, when, and what the link says from this end. */
    record Row(long otherTicketId, String createdBy, Instant createdAt, TicketLinkKind kind) {
    }

    private static final String RELATED = "RELATED";
    private static final String FOLLOW_UP = "FOLLOW_UP";

    private final JdbcClient jdbc;

    TicketLinkRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Links the two as related unless they are linked already; whether a row was written. */
    boolean insert(long a, long b, String by, Instant at) {
        return insert(Math.min(a, b), Math.max(a, b), RELATED, by, at);
    }

    /**
     * Links {@code followUpId} as the follow-up of {@code closedId}, which must be the older ticket
     * (the lower id: a follow-up is opened after the ticket it follows); whether a row was written.
     */
    boolean insertFollowUp(long followUpId, long closedId, String by, Instant at) {
        if (followUpId <= closedId) {
            throw new IllegalArgumentException("a follow-up is newer than its ticket: #" + followUpId + " of #" + closedId);
        }
        return insert(closedId, followUpId, FOLLOW_UP, by, at);
    }

    private boolean insert(long low, long high, String kind, String by, Instant at) {
        return jdbc.sql("""
                INSERT INTO ticket_link (low_ticket_id, high_ticket_id, kind, created_by, created_at)
                SELECT ?, ?, ?, ?, ? FROM DUAL
                 WHERE NOT EXISTS (SELECT 1 FROM ticket_link WHERE low_ticket_id = ? AND high_ticket_id = ?)
                """).params(low, high, kind, by, Timestamp.from(at), low, high).update() == 1;
    }

    boolean delete(long a, long b) {
        return jdbc.sql("DELETE FROM ticket_link WHERE low_ticket_id = ? AND high_ticket_id = ?")
                .params(Math.min(a, b), Math.max(a, b)).update() == 1;
    }

    /** The tickets linked to this one, the most recently linked first. */
    List<Row> of(long ticketId) {
        return jdbc.sql("""
                SELECT high_ticket_id AS other, kind, 'low' AS side, created_by, created_at FROM ticket_link WHERE low_ticket_id = ?
                UNION ALL
                SELECT low_ticket_id AS other, kind, 'high' AS side, created_by, created_at FROM ticket_link WHERE high_ticket_id = ?
                ORDER BY created_at DESC, other
                """).params(ticketId, ticketId)
                .query((rs, row) -> new Row(rs.getLong("other"), rs.getString("created_by"),
                        rs.getTimestamp("created_at").toInstant(), kind(rs.getString("kind"), rs.getString("side"))))
                .list();
    }

    /** A follow-up link read from its higher (newer) end is "follow-up of", from its lower end "followed up by". */
    private static TicketLinkKind kind(String stored, String side) {
        if (!FOLLOW_UP.equals(stored)) {
            return TicketLinkKind.RELATED;
        }
        return "high".equals(side) ? TicketLinkKind.FOLLOW_UP_OF : TicketLinkKind.FOLLOWED_UP_BY;
    }
}
