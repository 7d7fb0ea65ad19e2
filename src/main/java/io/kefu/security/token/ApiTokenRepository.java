package io.kefu.security.token;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code api_token} table. Scopes are stored space-separated, as OAuth writes them. */
@Repository
class ApiTokenRepository {

    private static final String COLUMNS =
            "id, name, scopes, created_by, created_at, expires_at, revoked_at, last_used_at";

    private final JdbcClient jdbc;

    ApiTokenRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    long insert(String name, String hash, List<ApiTokenScope> scopes, String createdBy, Instant createdAt,
            Instant expiresAt) {
        jdbc.sql("""
                INSERT INTO api_token (name, token_hash, scopes, created_by, created_at, expires_at)
                VALUES (?, ?, ?, ?, ?, ?)""")
                .params(name, hash, String.join(" ", scopes.stream().map(ApiTokenScope::value).toList()), createdBy,
                        Timestamp.from(createdAt), Timestamp.from(expiresAt))
                .update();
        return jdbc.sql("SELECT id FROM api_token WHERE token_hash = ?").param(hash).query(Long.class).single();
    }

    Optional<ApiToken> findByHash(String hash) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM api_token WHERE token_hash = ?").param(hash)
                .query(ApiTokenRepository::map).optional();
    }

    Optional<ApiToken> findById(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM api_token WHERE id = ?").param(id)
                .query(ApiTokenRepository::map).optional();
    }

    Optional<String> hashOf(long id) {
        return jdbc.sql("SELECT token_hash FROM api_token WHERE id = ?").param(id).query(String.class).optional();
    }

    /** Newest first. */
    List<ApiToken> findAll() {
        return jdbc.sql("SELECT " + COLUMNS + " FROM api_token ORDER BY created_at DESC, id DESC")
                .query(ApiTokenRepository::map).list();
    }

    /** Marks the token revoked unless it already is; false when it was. */
    boolean revoke(long id, Instant at, String by) {
        return jdbc.sql("UPDATE api_token SET revoked_at = ?, revoked_by = ? WHERE id = ? AND revoked_at IS NULL")
                .params(Timestamp.from(at), by, id).update() == 1;
    }

    void recordUse(long id, Instant at) {
        jdbc.sql("UPDATE api_token SET last_used_at = ? WHERE id = ?").params(Timestamp.from(at), id).update();
    }

    private static ApiToken map(ResultSet rs, int row) throws SQLException {
        List<ApiTokenScope> scopes = Arrays.stream(rs.getString("scopes").split(" "))
                .flatMap(s -> ApiTokenScope.parse(s).stream())
                .toList();
        return new ApiToken(rs.getLong("id"), rs.getString("name"), scopes, rs.getString("created_by"),
                instant(rs, "created_at"), instant(rs, "expires_at"), instant(rs, "revoked_at"),
                instant(rs, "last_used_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }
}
