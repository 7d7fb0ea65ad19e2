package io.kefu.knowledge;

import io.kefu.text.Language;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The log of every query asked of the knowledge base ({@code kb_query_log}). Hot searches and
 * type-ahead suggestions are counted from it with SQL, so every node answers the same.
 */
@Repository
class QueryLog {

    private final JdbcClient jdbc;

    QueryLog(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * A normalised query and how often it was asked.
     *
     * @param query    the normalised query
     * @param language its language
     * @param count    how many times it was logged
     */
    record Count(String query, Language language, long count) {
    }

    void record(String text, String normalized, Language language, long hits, QuerySource source,
            Instant at) {
        jdbc.sql("""
                INSERT INTO kb_query_log (query_text, normalized_query, language, hit_count, source, created_at)
                VALUES (?, ?, ?, ?, ?, ?)
                """)
                .params(QueryText.truncate(text.strip()), normalized, language.code(),
                        (int) Math.min(Integer.MAX_VALUE, hits), source.name(), Timestamp.from(at))
                .update();
    }

    /** The most frequent normalised queries in a language since a moment, most frequent first. */
    List<Count> hot(Language language, Instant since, int limit) {
        return jdbc.sql("""
                SELECT normalized_query, COUNT(*) AS n FROM kb_query_log
                 WHERE language = ? AND created_at >= ?
                 GROUP BY normalized_query
                 ORDER BY n DESC, normalized_query
                 LIMIT ?
                """)
                .params(language.code(), Timestamp.from(since), limit)
                .query((rs, row) -> new Count(rs.getString("normalized_query"), language, rs.getLong("n")))
                .list();
    }

    /**
     * Logged queries that found something and start with the (normalised) prefix, most frequent
     * first.
     */
    List<Count> completions(String normalizedPrefix, Language language, int limit) {
        return jdbc.sql("""
                SELECT normalized_query, COUNT(*) AS n FROM kb_query_log
                 WHERE language = ? AND normalized_query LIKE ? ESCAPE '!' AND hit_count > 0
                 GROUP BY normalized_query
                 ORDER BY n DESC, normalized_query
                 LIMIT ?
                """)
                .params(language.code(), likePrefix(normalizedPrefix), limit)
                .query((rs, row) -> new Count(rs.getString("normalized_query"), language, rs.getLong("n")))
                .list();
    }

    /** Deletes rows older than a moment; returns how many. */
    int purgeBefore(Instant cutoff) {
        return jdbc.sql("DELETE FROM kb_query_log WHERE created_at < ?").param(Timestamp.from(cutoff)).update();
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
