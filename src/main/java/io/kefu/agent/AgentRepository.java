package io.kefu.agent;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code agent} table, the assignment lock and the round-robin cursors. */
@Repository
class AgentRepository {

    private static final String SEPARATOR = ",";

    private final JdbcClient jdbc;

    AgentRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** One stored profile. */
    record Row(String userId, SortedSet<String> skills, SortedSet<String> languages, int chatCapacity,
            int emailCapacity, AgentPresence presence, Instant presenceSince, String workingHours,
            Instant lastAssignedAt) {
    }

    Optional<Row> find(String userId) {
        return jdbc.sql("SELECT * FROM agent WHERE user_id = ?").param(userId).query(this::map).optional();
    }

    /** The row, locked until the transaction ends, so two presence changes of one agent apply in turn. */
    Optional<Row> findForUpdate(String userId) {
        return jdbc.sql("SELECT * FROM agent WHERE user_id = ? FOR UPDATE").param(userId).query(this::map).optional();
    }

    List<Row> findAll() {
        return jdbc.sql("SELECT * FROM agent ORDER BY user_id").query(this::map).list();
    }

    List<Row> findOnline() {
        return jdbc.sql("SELECT * FROM agent WHERE presence = 'ONLINE' ORDER BY user_id").query(this::map).list();
    }

    /** Creates the row with these values unless it exists; true when it was created. */
    boolean insertIfAbsent(Row row, Instant now) {
        if (find(row.userId()).isPresent()) {
            return false;
        }
        try {
            jdbc.sql("""
                    INSERT INTO agent (user_id, skills, languages, chat_capacity, email_capacity, presence,
                                       presence_since, working_hours, last_assigned_at, updated_at, version)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)""")
                    .params(row.userId(), joined(row.skills()), joined(row.languages()), row.chatCapacity(),
                            row.emailCapacity(), row.presence().name(),
                            ts(row.presenceSince() == null ? now : row.presenceSince()), row.workingHours(),
                            ts(row.lastAssignedAt()), ts(now))
                    .update();
            return true;
        } catch (DuplicateKeyException createdMeanwhile) {
            return false;
        }
    }

    void updateProfile(Row row, Instant now) {
        jdbc.sql("""
                UPDATE agent SET skills = ?, languages = ?, chat_capacity = ?, email_capacity = ?, working_hours = ?,
                       updated_at = ?, version = version + 1
                 WHERE user_id = ?""")
                .params(joined(row.skills()), joined(row.languages()), row.chatCapacity(), row.emailCapacity(),
                        row.workingHours(), ts(now), row.userId())
                .update();
    }

    void updatePresence(String userId, AgentPresence presence, Instant now) {
        jdbc.sql("UPDATE agent SET presence = ?, presence_since = ?, updated_at = ?, version = version + 1 WHERE user_id = ?")
                .params(presence.name(), ts(now), ts(now), userId).update();
    }

    void noteAssigned(String userId, Instant at) {
        jdbc.sql("UPDATE agent SET last_assigned_at = ? WHERE user_id = ?").params(ts(at), userId).update();
    }

    /**
     * Takes the one assignment lock until the transaction ends: whoever counts load and picks an
     * agent holds it, so two nodes (or threads) never decide on the same free slot.
     */
    void lockAssignments() {
        jdbc.sql("SELECT id FROM assignment_lock WHERE id = 1 FOR UPDATE").query(Integer.class).single();
    }

    Optional<String> lastAgentOf(String queue) {
        return jdbc.sql("SELECT last_agent FROM assignment_cursor WHERE queue = ?").param(queue)
                .query(String.class).optional();
    }

    void setLastAgent(String queue, String agent) {
        int rows = jdbc.sql("UPDATE assignment_cursor SET last_agent = ? WHERE queue = ?").params(agent, queue).update();
        if (rows == 0) {
            jdbc.sql("INSERT INTO assignment_cursor (queue, last_agent) VALUES (?, ?)").params(queue, agent).update();
        }
    }

    private Row map(ResultSet rs, int row) throws SQLException {
        return new Row(rs.getString("user_id"), split(rs.getString("skills")), split(rs.getString("languages")),
                rs.getInt("chat_capacity"), rs.getInt("email_capacity"), AgentPresence.valueOf(rs.getString("presence")),
                instant(rs.getTimestamp("presence_since")), rs.getString("working_hours"),
                instant(rs.getTimestamp("last_assigned_at")));
    }

    private static String joined(SortedSet<String> values) {
        return values.isEmpty() ? null : String.join(SEPARATOR, values);
    }

    private static SortedSet<String> split(String stored) {
        return stored == null || stored.isEmpty() ? new TreeSet<>() : new TreeSet<>(List.of(stored.split(SEPARATOR)));
    }

    private static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private static Instant instant(Timestamp ts) {
        return ts == null ? null : ts.toInstant();
    }
}
