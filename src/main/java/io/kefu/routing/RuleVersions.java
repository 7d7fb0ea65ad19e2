package io.kefu.routing;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Every rule set that went live ({@code rule_set_version}: its files, hash, who stored it, when) and
 * each time one went live ({@code rule_set_activation}); the newest activation is the live version
 * of every node.
 */
@Repository
class RuleVersions {

    private static final TypeReference<TreeMap<String, String>> FILES = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final ObjectMapper json;

    RuleVersions(JdbcClient jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** A stored version with its files. */
    record Stored(long version, String hash, RuleFiles files, String createdBy, Instant createdAt) {
    }

    /** A stored version for the list: no file contents, its last activation, and whether it is live. */
    record Summary(long version, String hash, List<String> files, String createdBy, Instant createdAt,
            String activatedBy, Instant activatedAt, String reason, boolean live) {
    }

    Optional<Stored> byVersion(long version) {
        return jdbc.sql("SELECT * FROM rule_set_version WHERE version = ?").param(version)
                .query((rs, row) -> stored(rs.getLong("version"), rs.getString("hash"), rs.getString("files"),
                        rs.getString("created_by"), rs.getTimestamp("created_at")))
                .optional();
    }

    Optional<Long> byHash(String hash) {
        return jdbc.sql("SELECT version FROM rule_set_version WHERE hash = ?").param(hash)
                .query(Long.class).optional();
    }

    /** Stores a new version; the caller has checked that no version has this hash. */
    long store(RuleFiles files, String by, Instant at) {
        jdbc.sql("INSERT INTO rule_set_version (hash, files, created_by, created_at) VALUES (?, ?, ?, ?)")
                .params(files.hash(), write(files.contents()), by, Timestamp.from(at))
                .update();
        return byHash(files.hash()).orElseThrow();
    }

    void activated(long version, String by, Instant at, String reason) {
        jdbc.sql("INSERT INTO rule_set_activation (version, activated_by, activated_at, reason) VALUES (?, ?, ?, ?)")
                .params(version, by, Timestamp.from(at), reason)
                .update();
    }

    /** The version the newest activation made live, if any went live yet. */
    Optional<Long> liveVersion() {
        // One row by the primary key (a stream() left open would hold its connection).
        return jdbc.sql("SELECT version FROM rule_set_activation WHERE id = (SELECT MAX(id) FROM rule_set_activation)")
                .query(Long.class).optional();
    }

    /** Every stored version, newest first, with its latest activation. */
    List<Summary> list() {
        Long live = liveVersion().orElse(null);
        return jdbc.sql("""
                SELECT v.version, v.hash, v.files, v.created_by, v.created_at,
                       a.activated_by, a.activated_at, a.reason
                  FROM rule_set_version v
                  LEFT JOIN rule_set_activation a
                    ON a.id = (SELECT MAX(id) FROM rule_set_activation l WHERE l.version = v.version)
                 ORDER BY v.version DESC
                """).query((rs, row) -> {
                    long version = rs.getLong("version");
                    Timestamp activatedAt = rs.getTimestamp("activated_at");
                    return new Summary(version, rs.getString("hash"), List.copyOf(read(rs.getString("files")).keySet()),
                            rs.getString("created_by"), rs.getTimestamp("created_at").toInstant(),
                            rs.getString("activated_by"), activatedAt == null ? null : activatedAt.toInstant(),
                            rs.getString("reason"), live != null && live == version);
                }).list();
    }

    private Stored stored(long version, String hash, String files, String by, Timestamp at) {
        return new Stored(version, hash, new RuleFiles(read(files)), by, at.toInstant());
    }

    private String write(SortedMap<String, String> files) {
        try {
            return json.writeValueAsString(files);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write rule files as JSON", e);
        }
    }

    private SortedMap<String, String> read(String files) {
        try {
            return json.readValue(files, FILES);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A stored rule set is not the JSON it was written as", e);
        }
    }
}
