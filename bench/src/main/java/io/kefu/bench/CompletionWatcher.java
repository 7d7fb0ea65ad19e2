package io.kefu.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Sees when a ticket's agent task has been created: polls the database (not the engine's HTTP API,
 * which would add load of the kind being measured) every {@value #POLL_MILLIS} ms for tickets past
 * NEW. The routing job sets the ticket QUEUED and creates {@code Task_AgentWork} in one
 * transaction, so the first poll that sees QUEUED is the first moment the task is visible; the
 * measured latency is therefore late by up to one poll interval. Each poll is one SELECT, counted
 * so it can be subtracted from the database's counters.
 */
final class CompletionWatcher implements AutoCloseable {

    static final long POLL_MILLIS = 10;

    private final Map<Long, Long> doneAtNanos = new ConcurrentHashMap<>();
    private final AtomicLong polls = new AtomicLong();
    private final Connection connection;
    private final Thread thread;
    private volatile long watermark;
    private volatile boolean running = true;
    private volatile SQLException failure;

    CompletionWatcher(Db db, long afterTicketId) throws SQLException {
        this.connection = db.connect();
        this.watermark = afterTicketId;
        this.thread = new Thread(this::loop, "completion-watcher");
        thread.setDaemon(true);
        thread.start();
    }

    /** When the ticket was first seen past NEW (System.nanoTime), or null. */
    Long doneAt(long ticketId) {
        return doneAtNanos.get(ticketId);
    }

    long polls() {
        return polls.get();
    }

    /** Skips ids that will never complete (inserts rolled back): every id up to {@code ticketId} is settled. */
    void settledUpTo(long ticketId) {
        if (ticketId > watermark) {
            watermark = ticketId;
        }
    }

    private void loop() {
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT id FROM ticket WHERE id > ? AND status <> 'NEW'")) {
            while (running) {
                query.setLong(1, watermark);
                try (ResultSet rs = query.executeQuery()) {
                    long now = System.nanoTime();
                    while (rs.next()) {
                        doneAtNanos.putIfAbsent(rs.getLong(1), now);
                    }
                }
                polls.incrementAndGet();
                long next = watermark;
                while (doneAtNanos.containsKey(next + 1)) {
                    next++;
                }
                watermark = Math.max(watermark, next);
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(POLL_MILLIS));
            }
        } catch (SQLException e) {
            failure = e;
        }
    }

    void check() throws SQLException {
        if (failure != null) {
            throw failure;
        }
    }

    @Override
    public void close() throws Exception {
        running = false;
        thread.join(5000);
        connection.close();
    }
}
