package io.kefu.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one database a run uses for every phase: a fresh MariaDB schema {@code kefu_bench_<time>} on
 * 127.0.0.1:3306, or a fresh H2 file opened with {@code AUTO_SERVER=TRUE} so the load generator
 * can watch the tables while the engine process holds the file.
 */
final class Db {

    /**
     * The options of the engine's default URL (application.yml, mysql profile), so P1 talks to the
     * server the same way; the engine adds its Connector/J data-source properties on top.
     */
    static final String MYSQL_OPTIONS = "?sendFractionalSeconds=false&nullDatabaseMeansCurrent=true"
            + "&characterEncoding=UTF-8&useSSL=false&allowPublicKeyRetrieval=true";
    private static final String MYSQL_HOST = "jdbc:mysql://127.0.0.1:3306/";

    /** Server-wide counters read before and after a phase (MariaDB only). */
    static final List<String> COUNTERS = List.of("Questions", "Com_select", "Com_insert", "Com_update", "Com_delete",
            "Com_commit", "Com_rollback", "Com_set_option", "Innodb_data_fsyncs");

    final String kind;
    final String name;
    final String url;
    final String user;
    final String password;

    private Db(String kind, String name, String url, String user, String password) {
        this.kind = kind;
        this.name = name;
        this.url = url;
        this.user = user;
        this.password = password;
    }

    static Db fresh(Options options, Path workDir) throws Exception {
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss"));
        String name = "kefu_bench_" + stamp + "_" + options.history();
        if (options.mariadb()) {
            try (Connection c = DriverManager.getConnection(MYSQL_HOST + MYSQL_OPTIONS, "root", "");
                    Statement s = c.createStatement()) {
                s.execute("DROP DATABASE IF EXISTS " + name);
                s.execute("CREATE DATABASE " + name + " CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
            }
            return new Db("mariadb", name, MYSQL_HOST + name + MYSQL_OPTIONS, "root", "");
        }
        Path dir = Files.createDirectories(workDir.resolve("h2"));
        return new Db("h2", name, "jdbc:h2:file:" + dir.resolve(name) + ";AUTO_SERVER=TRUE", "sa", "");
    }

    boolean mariadb() {
        return kind.equals("mariadb");
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection(url, user, password);
    }

    String version() throws SQLException {
        try (Connection c = connect()) {
            var meta = c.getMetaData();
            return meta.getDatabaseProductName() + " " + meta.getDatabaseProductVersion() + " via "
                    + meta.getDriverName() + " " + meta.getDriverVersion();
        }
    }

    /** Snapshot of {@link #COUNTERS}; empty for H2, which has no such counters. */
    Map<String, Long> counters() throws SQLException {
        Map<String, Long> values = new LinkedHashMap<>();
        if (!mariadb()) {
            return values;
        }
        try (Connection c = connect(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SHOW GLOBAL STATUS WHERE Variable_name IN ('"
                        + String.join("','", COUNTERS) + "')")) {
            while (rs.next()) {
                values.put(rs.getString(1), rs.getLong(2));
            }
        }
        return values;
    }

    /** MariaDB server settings that decide what one durable commit costs. */
    Map<String, String> durability() throws SQLException {
        Map<String, String> values = new LinkedHashMap<>();
        if (!mariadb()) {
            return values;
        }
        try (Connection c = connect(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SHOW GLOBAL VARIABLES WHERE Variable_name IN "
                        + "('innodb_flush_log_at_trx_commit','sync_binlog','log_bin','innodb_buffer_pool_size')")) {
            while (rs.next()) {
                values.put(rs.getString(1), rs.getString(2));
            }
        }
        return values;
    }

    static Map<String, Long> delta(Map<String, Long> before, Map<String, Long> after) {
        Map<String, Long> delta = new LinkedHashMap<>();
        after.forEach((k, v) -> delta.put(k, v - before.getOrDefault(k, 0L)));
        return delta;
    }

    long maxId(String table) throws SQLException {
        return count("SELECT COALESCE(MAX(id), 0) FROM " + table);
    }

    /** Runs a query answering one number. */
    long count(String sql) throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
