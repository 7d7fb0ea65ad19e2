package io.kefu.ticket;

import java.sql.Timestamp;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Stores the waits for the customer in {@code ticket_follow_up} (V32), one per ticket. */
@Repository
class TicketFollowUpRepository {

    private final JdbcClient jdbc;

    TicketFollowUpRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Starts or moves the ticket's wait: one row per ticket, the last write wins. */
    void put(FollowUp followUp) {
        int updated = jdbc.sql("UPDATE ticket_follow_up SET follow_up_at = ?, set_by = ?, set_at = ?, note = ? WHERE ticket_id = ?")
                .params(Timestamp.from(followUp.followUpAt()), followUp.setBy(), Timestamp.from(followUp.setAt()),
                        followUp.note(), followUp.ticketId()).update();
        if (updated == 0) {
            try {
                jdbc.sql("INSERT INTO ticket_follow_up (ticket_id, follow_up_at, set_by, set_at, note) VALUES (?, ?, ?, ?, ?)")
                        .params(followUp.ticketId(), Timestamp.from(followUp.followUpAt()), followUp.setBy(),
                                Timestamp.from(followUp.setAt()), followUp.note()).update();
            } catch (org.springframework.dao.DuplicateKeyException raced) {
                // another request started a wait on the same ticket in between: the later one wins
                put(followUp);
            }
        }
    }

    Optional<FollowUp> find(long ticketId) {
        return jdbc.sql("SELECT ticket_id, follow_up_at, set_by, set_at, note FROM ticket_follow_up WHERE ticket_id = ?")
                .param(ticketId)
                .query((rs, row) -> new FollowUp(rs.getLong("ticket_id"), rs.getTimestamp("follow_up_at").toInstant(),
                        rs.getString("set_by"), rs.getTimestamp("set_at").toInstant(), rs.getString("note")))
                .optional();
    }

    boolean delete(long ticketId) {
        return jdbc.sql("DELETE FROM ticket_follow_up WHERE ticket_id = ?").param(ticketId).update() == 1;
    }
}
