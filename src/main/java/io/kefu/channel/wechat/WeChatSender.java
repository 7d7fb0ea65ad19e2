package io.kefu.channel.wechat;

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
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Sends queued WeChat replies ({@code wechat_outbound}) in order, retrying with doubling back-off
 * (1 s … 10 min) while the platform is down, so a reply is delayed, never lost. Each row is claimed
 * by moving its next attempt past a lease before it is sent, so two nodes (or a pass and a test
 * calling {@link #sendDue}) never send the same row at once. The platform's refusals that no retry
 * can fix (outside the reply window, the customer unfollowed) end as {@code REFUSED}; after
 * {@code max-attempts} failures a row is {@code FAILED}; both keep their last error.
 */
@Component
class WeChatSender {

    private static final Logger log = LoggerFactory.getLogger(WeChatSender.class);
    private static final Duration LEASE = Duration.ofSeconds(30);
    private static final Duration MAX_BACKOFF = Duration.ofMinutes(10);
    /** errcodes a retry cannot fix: out of the 48 h window, sending not allowed, the user unfollowed. */
    private static final java.util.Set<Integer> FINAL = java.util.Set.of(45015, 45047, 43004, 40003, 48001);

    private final JdbcClient jdbc;
    private final WeChatApi api;
    private final WeChatProperties settings;
    private final Clock clock;

    WeChatSender(JdbcClient jdbc, WeChatApi api, WeChatProperties settings, Clock clock) {
        this.jdbc = jdbc;
        this.api = api;
        this.settings = settings;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${kefu.wechat.send-poll-interval:PT1S}")
    void poll() {
        if (settings.enabled()) {
            sendDue();
        }
    }

    /** Sends what is due now; returns how many were sent. */
    int sendDue() {
        record Due(long id, String openId, String body, int attempts, Timestamp nextAttempt) {
        }
        Instant now = now();
        List<Due> due = jdbc.sql("""
                SELECT id, open_id, body, attempts, next_attempt_at FROM wechat_outbound
                 WHERE status = 'PENDING' AND next_attempt_at <= ? ORDER BY id LIMIT 50""")
                .param(Timestamp.from(now))
                .query((rs, row) -> new Due(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getInt(4), rs.getTimestamp(5)))
                .list();
        int sent = 0;
        for (Due row : due) {
            int claimed = jdbc.sql("UPDATE wechat_outbound SET next_attempt_at = ? WHERE id = ? AND status = 'PENDING'"
                    + " AND next_attempt_at = ?").params(Timestamp.from(now.plus(LEASE)), row.id(), row.nextAttempt()).update();
            if (claimed == 0) {
                continue;
            }
            int attempts = row.attempts() + 1;
            try {
                int errcode = api.sendText(row.openId(), row.body());
                if (errcode == 0) {
                    jdbc.sql("UPDATE wechat_outbound SET status = 'SENT', attempts = ?, sent_at = ?, last_error = NULL WHERE id = ?")
                            .params(attempts, Timestamp.from(now()), row.id()).update();
                    sent++;
                } else if (FINAL.contains(errcode)) {
                    jdbc.sql("UPDATE wechat_outbound SET status = 'REFUSED', attempts = ?, last_error = ? WHERE id = ?")
                            .params(attempts, "errcode " + errcode, row.id()).update();
                    log.warn("WeChat refused reply {} for good: errcode {}", row.id(), errcode);
                } else {
                    retry(row.id(), attempts, "errcode " + errcode);
                }
            } catch (IOException e) {
                retry(row.id(), attempts, e.getMessage());
            }
        }
        return sent;
    }

    private void retry(long id, int attempts, String error) {
        if (attempts >= settings.maxAttempts()) {
            jdbc.sql("UPDATE wechat_outbound SET status = 'FAILED', attempts = ?, last_error = ? WHERE id = ?")
                    .params(attempts, cut(error), id).update();
            log.error("WeChat reply {} failed {} times, given up: {}", id, attempts, error);
            return;
        }
        Duration backoff = Duration.ofSeconds(1L << Math.min(attempts - 1, 10));
        if (backoff.compareTo(MAX_BACKOFF) > 0) {
            backoff = MAX_BACKOFF;
        }
        jdbc.sql("UPDATE wechat_outbound SET attempts = ?, last_error = ?, next_attempt_at = ? WHERE id = ?")
                .params(attempts, cut(error), Timestamp.from(now().plus(backoff)), id).update();
        log.info("WeChat reply {} not sent (attempt {}), retrying in {}: {}", id, attempts, backoff, error);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    private static String cut(String error) {
        return error == null ? null : error.length() <= 500 ? error : error.substring(0, 500);
    }
}
