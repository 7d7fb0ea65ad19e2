package io.kefu.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * P1, the floor: one-row INSERT + COMMIT per transaction over plain JDBC with the engine's driver and
 * URL options, on 1 and on 8 connections. Every commit is durable as the server is configured
 * (innodb_flush_log_at_trx_commit is reported beside the figure). The table is dropped afterwards
 * so the engine's Flyway later finds the schema as it left it.
 */
final class FloorPhase {

    record Result(int connections, long commits, double seconds) {
        double perSecond() {
            return commits / seconds;
        }
    }

    private FloorPhase() {
    }

    static List<Result> run(Db db, int seconds) throws Exception {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE bench_floor (id BIGINT AUTO_INCREMENT PRIMARY KEY, payload VARCHAR(100) NOT NULL,"
                    + " created_at TIMESTAMP(3) NOT NULL)");
        }
        try {
            measure(db, 1, 1); // warm-up: connection set-up, class loading, first pages of the table
            return List.of(measure(db, 1, seconds), measure(db, 8, seconds));
        } finally {
            try (Connection c = db.connect(); Statement s = c.createStatement()) {
                s.execute("DROP TABLE bench_floor");
            }
        }
    }

    private static Result measure(Db db, int connections, int seconds) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(connections);
        try {
            long start = System.nanoTime();
            long end = start + seconds * 1_000_000_000L;
            List<Future<Long>> workers = new ArrayList<>();
            for (int i = 0; i < connections; i++) {
                workers.add(pool.submit(() -> commitUntil(db, end)));
            }
            long commits = 0;
            for (Future<Long> worker : workers) {
                commits += worker.get();
            }
            return new Result(connections, commits, (System.nanoTime() - start) / 1e9);
        } finally {
            pool.shutdownNow();
        }
    }

    private static long commitUntil(Db db, long endNanos) throws SQLException {
        try (Connection c = db.connect();
                PreparedStatement insert = c.prepareStatement("INSERT INTO bench_floor (payload, created_at) VALUES (?, ?)")) {
            c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
            c.setAutoCommit(false);
            long commits = 0;
            while (System.nanoTime() < endNanos) {
                insert.setString(1, "floor " + commits);
                insert.setTimestamp(2, new Timestamp(System.currentTimeMillis()));
                insert.executeUpdate();
                c.commit();
                commits++;
            }
            return commits;
        }
    }
}
