package io.kefu.security.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.kefu.security.AuditOutcome;

/** Reads and purges {@code audit_event}; {@link io.kefu.security.AuditLog} writes it. */
@Repository
class AuditEvents {

    private final JdbcClient jdbc;

    AuditEvents(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Up to {@code limit} entries matching the query, newest (highest id) first, below {@code beforeId} when given. */
    List<AuditEvent> find(AuditQuery query, Long beforeId, int limit) {
        StringBuilder sql = new StringBuilder("""
                SELECT id, occurred_at, actor, address, action, target, outcome, detail
                FROM audit_event WHERE 1 = 1""");
        List<Object> params = new ArrayList<>();
        if (beforeId != null) {
            sql.append(" AND id < ?");
            params.add(beforeId);
        }
        if (query.since() != null) {
            sql.append(" AND occurred_at >= ?");
            params.add(Timestamp.from(query.since()));
        }
        if (query.actor() != null) {
            sql.append(" AND actor = ?");
            params.add(query.actor());
        }
        if (query.action() != null) {
            if (query.actionIsPrefix()) {
                sql.append(" AND action LIKE ? ESCAPE '!'");
                params.add(likePrefix(query.actionPrefix()));
            } else {
                sql.append(" AND action = ?");
                params.add(query.action());
            }
        }
        if (query.outcome() != null) {
            sql.append(" AND outcome = ?");
            params.add(query.outcome().name());
        }
        sql.append(" ORDER BY id DESC LIMIT ?");
        params.add(limit);
        return jdbc.sql(sql.toString()).params(params).query(AuditEvents::map).list();
    }

    /** Deletes entries that occurred before the cutoff; the number deleted. */
    int purgeBefore(Instant cutoff) {
        return jdbc.sql("DELETE FROM audit_event WHERE occurred_at < ?").param(Timestamp.from(cutoff)).update();
    }

    private static AuditEvent map(ResultSet rs, int row) throws SQLException {
        return new AuditEvent(rs.getLong("id"), rs.getTimestamp("occurred_at").toInstant(), rs.getString("actor"),
                rs.getString("address"), rs.getString("action"), rs.getString("target"),
                AuditOutcome.valueOf(rs.getString("outcome")), rs.getString("detail"));
    }

    /** A LIKE pattern matching strings that start with the prefix ('!' escapes, same on H2 and MySQL). */
    private static String likePrefix(String prefix) {
        StringBuilder p = new StringBuilder(prefix.length() + 1);
        for (char c : prefix.toCharArray()) {
            if (c == '!' || c == '%' || c == '_') {
                p.append('!');
            }
            p.append(c);
        }
        return p.append('%').toString();
    }
}
