package io.kefu.workspace;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

/** Stores canned responses in {@code canned_response} (V26). */
@Repository
class CannedResponseRepository {

    private static final String SELECT = "SELECT id, title, body, language, scope, owner, team, created_by, created_at,"
            + " updated_at FROM canned_response";

    private final JdbcClient jdbc;

    CannedResponseRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    long insert(String title, String text, String language, CannedScope scope, String owner, String team, String by,
            Instant at) {
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO canned_response (title, body, language, scope, owner, team, created_by, created_at,"
                        + " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(title, text, language, scope.name(), owner, team, by, Timestamp.from(at), Timestamp.from(at))
                .update(keys, "id");
        return keys.getKeyAs(Number.class).longValue();
    }

    void update(long id, String title, String text, String language, CannedScope scope, String owner, String team,
            Instant at) {
        jdbc.sql("UPDATE canned_response SET title = ?, body = ?, language = ?, scope = ?, owner = ?, team = ?,"
                        + " updated_at = ? WHERE id = ?")
                .params(title, text, language, scope.name(), owner, team, Timestamp.from(at), id).update();
    }

    void delete(long id) {
        jdbc.sql("DELETE FROM canned_response WHERE id = ?").param(id).update();
    }

    Optional<CannedResponse> find(long id) {
        return jdbc.sql(SELECT + " WHERE id = ?").param(id).query(this::map).optional();
    }

    /**
     * The responses of {@code owner} and of the {@code teams} (every team's when {@code everyTeam}),
     * whose title or text contains {@code text} (any case; null for all), by title.
     */
    List<CannedResponse> visible(String owner, Collection<String> teams, boolean everyTeam, String text, int limit) {
        StringBuilder sql = new StringBuilder(SELECT).append(" WHERE (owner = :owner");
        if (everyTeam) {
            sql.append(" OR scope = 'TEAM'");
        } else if (!teams.isEmpty()) {
            sql.append(" OR team IN (:teams)");
        }
        sql.append(')');
        if (text != null) {
            sql.append(" AND (LOWER(title) LIKE :text ESCAPE '!' OR LOWER(body) LIKE :text ESCAPE '!')");
        }
        sql.append(" ORDER BY title, id LIMIT ").append(limit);
        JdbcClient.StatementSpec statement = jdbc.sql(sql.toString()).param("owner", owner);
        if (!everyTeam && !teams.isEmpty()) {
            statement = statement.param("teams", teams);
        }
        if (text != null) {
            String escaped = text.toLowerCase(java.util.Locale.ROOT).replace("!", "!!").replace("%", "!%").replace("_", "!_");
            statement = statement.param("text", "%" + escaped + "%");
        }
        return statement.query(this::map).list();
    }

    private CannedResponse map(ResultSet rs, int row) throws SQLException {
        return new CannedResponse(rs.getLong("id"), rs.getString("title"), rs.getString("body"), rs.getString("language"),
                CannedScope.valueOf(rs.getString("scope")), rs.getString("owner"), rs.getString("team"),
                rs.getString("created_by"), rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant());
    }
}
