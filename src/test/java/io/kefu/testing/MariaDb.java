package io.kefu.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The real MariaDB/MySQL the MySQL tests run against. They run when {@code -Dkefu.test.mysql=true}
 * or {@code CI=true}; then a database that cannot be reached fails them, it never skips them.
 */
public final class MariaDb {

    public static final String HOST_URL = env("KEFU_TEST_DB_HOST_URL", "jdbc:mysql://127.0.0.1:3306/");
    public static final String USER = env("KEFU_TEST_DB_USER", "root");
    public static final String PASSWORD = env("KEFU_TEST_DB_PASSWORD", "");
    /** Appended to every test database's name, so two checkouts testing on one server at once do not collide. */
    public static final String SUFFIX = env("KEFU_TEST_DB_SUFFIX", "");
    public static final String OPTIONS =
            "?sendFractionalSeconds=false&nullDatabaseMeansCurrent=true&characterEncoding=UTF-8&useSSL=false"
                    + "&allowPublicKeyRetrieval=true";

    private MariaDb() {
    }

    /** Whether the MySQL tests are switched on. */
    public static boolean enabled() {
        return Boolean.getBoolean("kefu.test.mysql") || "true".equalsIgnoreCase(System.getenv("CI"));
    }

    /** Drops and creates the database, so each run starts from an empty schema; returns its JDBC URL. */
    public static String freshDatabase(String baseName) {
        String name = baseName + SUFFIX;
        if (!name.matches("[A-Za-z0-9_]+")) {
            throw new IllegalArgumentException("Test database name must be letters, digits and '_': " + name);
        }
        try (Connection c = DriverManager.getConnection(HOST_URL + OPTIONS, USER, PASSWORD);
                Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name);
            s.execute("CREATE DATABASE " + name + " CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
        } catch (SQLException e) {
            throw new IllegalStateException("MySQL tests are switched on but MariaDB/MySQL at " + HOST_URL
                    + " cannot be used (start it, or run without -Dkefu.test.mysql): " + e.getMessage(), e);
        }
        return HOST_URL + name + OPTIONS;
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
