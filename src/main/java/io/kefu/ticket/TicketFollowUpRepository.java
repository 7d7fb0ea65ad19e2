package io.kefu.ticket;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Stores the waits for the customer in {@code ticket_follow_up} (V32, the reminder's columns V36), one per ticket. */
@Repository
class TicketFollowUpRepository {

    private final JdbcClient jdbc;

    TicketFollowUpRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Starts or moves the ticket's wait: one row per ticket, the last write wins; a moved wait reminds anew. */
    void put(FollowUp followUp) {
        int updated = jdbc.sql("""
                UPDATE ticket_follow_up SET follow_up_at = ?, set_by = ?, set_at = ?, note = ?, remind_at = ?, reminded_at = NULL
                 WHERE ticket_id = ?""")
                .params(Timestamp.from(followUp.followUpAt()), followUp.setBy(), Timestamp.from(followUp.setAt()),
                        followUp.note(), ts(followUp.remindAt()), followUp.ticketId()).update();
        if (updated == 0) {
            try {
                jdbc.sql("""
                        INSERT INTO ticket_follow_up (ticket_id, follow_up_at, set_by, set_at, note, remind_at)
                        VALUES (?, ?, ?, ?, ?, ?)""")
                        .params(followUp.ticketId(), Timestamp.from(followUp.followUpAt()), followUp.setBy(),
                                Timestamp.from(followUp.setAt()), followUp.note(), ts(followUp.remindAt())).update();
            } catch (org.springframework.dao.DuplicateKeyException raced) {
                // another request started a wait on the same ticket in between: the later one wins
                put(followUp);
            }
        }
    }

    Optional<FollowUp> find(long ticketId) {
        return jdbc.sql("""
                SELECT ticket_id, follow_up_at, set_by, set_at, note, remind_at, reminded_at
                  FROM ticket_follow_up WHERE ticket_id = ?""")
                .param(ticketId).query(TicketFollowUpRepository::map).optional();
    }

    /**
     * Records that the wait's reminder goes out now; false when it was recorded already (another
     * timer of the same wait, another node), so each wait reminds once.
     */
    boolean markReminded(long ticketId, Instant at) {
        return jdbc.sql("UPDATE ticket_follow_up SET reminded_at = ? WHERE ticket_id = ? AND reminded_at IS NULL")
                .params(Timestamp.from(at), ticketId).update() == 1;
    }

    boolean delete(long ticketId) {
        return jdbc.sql("DELETE FROM ticket_follow_up WHERE ticket_id = ?").param(ticketId).update() == 1;
    }

    private static FollowUp map(ResultSet rs, int row) throws SQLException {
        return new FollowUp(rs.getLong("ticket_id"), rs.getTimestamp("follow_up_at").toInstant(), rs.getString("set_by"),
                rs.getTimestamp("set_at").toInstant(), rs.getString("note"), instant(rs.getTimestamp("remind_at")),
                instant(rs.getTimestamp("reminded_at")));
    }

    private static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
