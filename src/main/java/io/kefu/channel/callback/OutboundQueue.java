package io.kefu.channel.callback;

import java.io.IOException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The replies waiting to go out on a messenger channel ({@code channel_outbound}), written in the
 * reply's own transaction (so a reply is stored and queued together or not at all) and sent by
 * the channel's sender: in order per recipient (a part or reply waits while an earlier one to the
 * same person is still pending), retried with doubling back-off (1 s … 10 min) while the platform
 * is down, so a reply is delayed, never lost. Each row is claimed by moving its next attempt past
 * a lease before it is sent, so two nodes (or a poll and a test calling the sender) never send the
 * same row at once. Refusals no retry can fix end as {@code REFUSED}; after {@code maxAttempts}
 * failures a row is {@code FAILED}; both keep their last error.
 */
@Component
public class OutboundQueue {

    private static final Logger log = LoggerFactory.getLogger(OutboundQueue.class);
    private static final Duration LEASE = Duration.ofSeconds(30);
    private static final Duration MAX_BACKOFF = Duration.ofMinutes(10);

    private final JdbcClient jdbc;
    private final Clock clock;

    OutboundQueue(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * A queued part of a reply.
     *
     * @param attachmentId the agent's file this part sends instead of its text, or null
     */
    public record Row(long id, long messageId, int part, String recipient, String body, int attempts, Long attachmentId) {
    }

    /** What became of one attempt. */
    public record Outcome(boolean sent, boolean isFinal, String error) {

        public static Outcome delivered() {
            return new Outcome(true, true, null);
        }

        /** The platform refused for good (no retry can fix it). */
        public static Outcome refused(String error) {
            return new Outcome(false, true, error);
        }

        /** Not sent this time; try again later. */
        public static Outcome retry(String error) {
            return new Outcome(false, false, error);
        }
    }

    /** Sends one row through the platform. */
    @FunctionalInterface
    public interface Delivery {
        /** @throws IOException when the platform is unreachable or answers with an HTTP error (retried) */
        Outcome deliver(Row row) throws IOException;
    }

    /** Queues a reply's parts for the recipient, due now, in the caller's transaction. */
    public void enqueue(String channel, long messageId, String recipient, List<String> parts) {
        Timestamp now = Timestamp.from(now());
        for (int part = 0; part < parts.size(); part++) {
            jdbc.sql("""
                    INSERT INTO channel_outbound (channel, message_id, part, recipient, body, status, attempts, next_attempt_at)
                    VALUES (?, ?, ?, ?, ?, 'PENDING', 0, ?)""")
                    .params(channel, messageId, part, recipient, parts.get(part), now).update();
        }
    }

    /**
     * Makes the queued text of an agent's file (its name) send the file itself, in the caller's
     * transaction: for a channel whose platform takes that kind of file as a media message.
     *
     * @return how many queued parts now carry the file (0 when the channel queued nothing for the message)
     */
    public int attach(String channel, long messageId, long attachmentId) {
        jdbc.sql("DELETE FROM channel_outbound WHERE channel = ? AND message_id = ? AND part > 0 AND status = 'PENDING'")
                .params(channel, messageId).update();
        return jdbc.sql("""
                UPDATE channel_outbound SET attachment_id = ? WHERE channel = ? AND message_id = ? AND part = 0
                   AND status = 'PENDING'""").params(attachmentId, channel, messageId).update();
    }

    /** Sends what is due now on the channel; returns how many parts were sent. */
    public int sendDue(String channel, int maxAttempts, Delivery delivery) {
        record Due(Row row, Timestamp nextAttempt) {
        }
        Instant now = now();
        List<Due> due = jdbc.sql("""
                SELECT o.id, o.message_id, o.part, o.recipient, o.body, o.attempts, o.next_attempt_at, o.attachment_id
                  FROM channel_outbound o
                 WHERE o.channel = ? AND o.status = 'PENDING' AND o.next_attempt_at <= ?
                   AND NOT EXISTS (SELECT 1 FROM channel_outbound e WHERE e.channel = o.channel
                                      AND e.recipient = o.recipient AND e.status = 'PENDING' AND e.id < o.id)
                 ORDER BY o.id LIMIT 50""")
                .params(channel, Timestamp.from(now))
                .query((rs, n) -> {
                    long attachment = rs.getLong(8);
                    Long attachmentId = rs.wasNull() ? null : attachment;
                    return new Due(new Row(rs.getLong(1), rs.getLong(2), rs.getInt(3), rs.getString(4),
                            rs.getString(5), rs.getInt(6), attachmentId), rs.getTimestamp(7));
                })
                .list();
        int sent = 0;
        for (Due next : due) {
            Row row = next.row();
            int claimed = jdbc.sql("UPDATE channel_outbound SET next_attempt_at = ? WHERE id = ? AND status = 'PENDING'"
                    + " AND next_attempt_at = ?").params(Timestamp.from(now.plus(LEASE)), row.id(), next.nextAttempt()).update();
            if (claimed == 0) {
                continue;
            }
            int attempts = row.attempts() + 1;
            Outcome outcome;
            try {
                outcome = delivery.deliver(row);
            } catch (IOException e) {
                outcome = Outcome.retry(e.getMessage());
            }
            if (outcome.sent()) {
                jdbc.sql("UPDATE channel_outbound SET status = 'SENT', attempts = ?, sent_at = ?, last_error = NULL WHERE id = ?")
                        .params(attempts, Timestamp.from(now()), row.id()).update();
                sent++;
            } else if (outcome.isFinal()) {
                jdbc.sql("UPDATE channel_outbound SET status = 'REFUSED', attempts = ?, last_error = ? WHERE id = ?")
                        .params(attempts, cut(outcome.error()), row.id()).update();
                log.warn("{} refused reply part {} for good: {}", channel, row.id(), outcome.error());
            } else {
                retry(channel, maxAttempts, row.id(), attempts, outcome.error());
            }
        }
        return sent;
    }

    private void retry(String channel, int maxAttempts, long id, int attempts, String error) {
        if (attempts >= maxAttempts) {
            jdbc.sql("UPDATE channel_outbound SET status = 'FAILED', attempts = ?, last_error = ? WHERE id = ?")
                    .params(attempts, cut(error), id).update();
            log.error("{} reply part {} failed {} times, given up: {}", channel, id, attempts, error);
            return;
        }
        Duration backoff = Duration.ofSeconds(1L << Math.min(attempts - 1, 10));
        if (backoff.compareTo(MAX_BACKOFF) > 0) {
            backoff = MAX_BACKOFF;
        }
        jdbc.sql("UPDATE channel_outbound SET attempts = ?, last_error = ?, next_attempt_at = ? WHERE id = ?")
                .params(attempts, cut(error), Timestamp.from(now().plus(backoff)), id).update();
        log.info("{} reply part {} not sent (attempt {}), retrying in {}: {}", channel, id, attempts, backoff, error);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    private static String cut(String error) {
        return error == null ? null : error.length() <= 500 ? error : error.substring(0, 500);
    }
}
