package io.kefu.ticket;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Stores related-ticket links in {@code ticket_link} (V31), each once with the smaller id first. */
@Repository
class TicketLinkRepository {

    /** One end of a link as stored: the other ticket, who linked them and when. */
    record Row(long otherTicketId, String createdBy, Instant createdAt) {
    }

    private final JdbcClient jdbc;

    TicketLinkRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Links the two unless they are linked already; whether a row was written. */
    boolean insert(long a, long b, String by, Instant at) {
        long low = Math.min(a, b);
        long high = Math.max(a, b);
        return jdbc.sql("""
                INSERT INTO ticket_link (low_ticket_id, high_ticket_id, created_by, created_at)
                SELECT ?, ?, ?, ? FROM DUAL
                 WHERE NOT EXISTS (SELECT 1 FROM ticket_link WHERE low_ticket_id = ? AND high_ticket_id = ?)
                """).params(low, high, by, Timestamp.from(at), low, high).update() == 1;
    }

    boolean delete(long a, long b) {
        return jdbc.sql("DELETE FROM ticket_link WHERE low_ticket_id = ? AND high_ticket_id = ?")
                .params(Math.min(a, b), Math.max(a, b)).update() == 1;
    }

    /** The tickets linked to this one, the most recently linked first. */
    List<Row> of(long ticketId) {
        return jdbc.sql("""
                SELECT high_ticket_id AS other, created_by, created_at FROM ticket_link WHERE low_ticket_id = ?
                UNION ALL
                SELECT low_ticket_id AS other, created_by, created_at FROM ticket_link WHERE high_ticket_id = ?
                ORDER BY created_at DESC, other
                """).params(ticketId, ticketId)
                .query((rs, row) -> new Row(rs.getLong("other"), rs.getString("created_by"),
                        rs.getTimestamp("created_at").toInstant()))
                .list();
    }
}
