package io.kefu.ticket;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

/** Stores internal notes in {@code ticket_note} (V21). */
@Repository
class TicketNoteRepository {

    private final JdbcClient jdbc;

    TicketNoteRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    TicketNote insert(long ticketId, String author, String text, Instant at) {
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO ticket_note (ticket_id, author, body, created_at) VALUES (?, ?, ?, ?)")
                .params(ticketId, author, text, Timestamp.from(at)).update(keys, "id");
        return new TicketNote(keys.getKeyAs(Number.class).longValue(), ticketId, author, text, at);
    }

    List<TicketNote> of(long ticketId) {
        return jdbc.sql("SELECT id, ticket_id, author, body, created_at FROM ticket_note WHERE ticket_id = ? ORDER BY id")
                .param(ticketId)
                .query((rs, row) -> new TicketNote(rs.getLong("id"), rs.getLong("ticket_id"), rs.getString("author"),
                        rs.getString("body"), rs.getTimestamp("created_at").toInstant()))
                .list();
    }

    /** Gives every note of {@code fromTicketId} to {@code toTicketId} (a merge); how many moved. */
    int move(long fromTicketId, long toTicketId) {
        return jdbc.sql("UPDATE ticket_note SET ticket_id = ? WHERE ticket_id = ?").params(toTicketId, fromTicketId).update();
    }
}
