package io.kefu.channel.wechat;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import io.kefu.testing.H2Database;
import io.kefu.testing.MariaDb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * V46 moves WeChat's queued replies from {@code wechat_outbound} into the shared {@code channel_outbound}:
 * a database at V45 with a pending, a sent and a dead-lettered WeChat reply, and a WeCom reply already
 * in the shared queue, is migrated; every WeChat row arrives as part 0 for its openid in its order,
 * with its status, attempts, due time and last error, and the old table is gone. On H2 and on MariaDB.
 */
class WeChatOutboundMigrationTest {

    @Test
    void pendingSentAndFailedRepliesMoveIntoTheSharedQueueOnH2() {
        DriverManagerDataSource h2 = new DriverManagerDataSource(H2Database.Factory.url("wechat-v46-" + System.nanoTime()));
        movesTheRows(h2, "h2");
    }

    @Test
    @EnabledIf("io.kefu.testing.MariaDb#enabled")
    void pendingSentAndFailedRepliesMoveIntoTheSharedQueueOnMariaDb() {
        DriverManagerDataSource mariaDb = new DriverManagerDataSource(MariaDb.freshDatabase("kefu_wechat_v46"),
                MariaDb.USER, MariaDb.PASSWORD);
        movesTheRows(mariaDb, "mysql");
    }

    private static void movesTheRows(DataSource dataSource, String vendor) {
        // "45?": up to the last version before 46, whichever that is (Flyway fails on a missing target otherwise).
        migrate(dataSource, vendor, "45?");
        JdbcClient jdbc = JdbcClient.create(dataSource);
        Timestamp due = Timestamp.from(Instant.parse("2026-12-01T08:00:00Z"));
        Timestamp sentAt = Timestamp.from(Instant.parse("2026-12-01T07:00:00Z"));
        jdbc.sql("""
                INSERT INTO channel_outbound (channel, message_id, part, recipient, body, status, attempts, next_attempt_at)
                VALUES ('WECOM', 7, 0, 'zhangsan', 'wecom reply', 'PENDING', 0, ?)""").param(due).update();
        insertWeChat(jdbc, 11, "oAlice", "您好, first", "SENT", 1, due, sentAt, null);
        insertWeChat(jdbc, 12, "oBob", "given up", "FAILED", 20, due, null, "HTTP 500");
        insertWeChat(jdbc, 13, "oAlice", "second, still waiting", "PENDING", 3, due, null, "errcode -1");
        insertWeChat(jdbc, 14, "oAlice", "third", "PENDING", 0, due, null, null);

        migrate(dataSource, vendor, "46");

        List<String> rows = jdbc.sql("""
                SELECT message_id, part, recipient, body, status, attempts, next_attempt_at, sent_at, last_error
                  FROM channel_outbound WHERE channel = 'WECHAT' ORDER BY id""")
                .query((rs, n) -> rs.getLong(1) + "|" + rs.getInt(2) + "|" + rs.getString(3) + "|" + rs.getString(4) + "|"
                        + rs.getString(5) + "|" + rs.getInt(6) + "|" + rs.getTimestamp(7).toInstant() + "|"
                        + (rs.getTimestamp(8) == null ? null : rs.getTimestamp(8).toInstant()) + "|" + rs.getString(9))
                .list();
        assertThat(rows).containsExactly(
                "11|0|oAlice|您好, first|SENT|1|2026-12-01T08:00:00Z|2026-12-01T07:00:00Z|null",
                "12|0|oBob|given up|FAILED|20|2026-12-01T08:00:00Z|null|HTTP 500",
                "13|0|oAlice|second, still waiting|PENDING|3|2026-12-01T08:00:00Z|null|errcode -1",
                "14|0|oAlice|third|PENDING|0|2026-12-01T08:00:00Z|null|null");
        assertThat(jdbc.sql("SELECT recipient FROM channel_outbound WHERE channel = 'WECOM'").query(String.class).list())
                .containsExactly("zhangsan");
        assertThatThrownBy(() -> jdbc.sql("SELECT COUNT(*) FROM wechat_outbound").query(Long.class).single())
                .as("the old table is gone")
                .satisfies(e -> assertThat(e.getMessage().toLowerCase(java.util.Locale.ROOT)).contains("wechat_outbound"));
    }

    private static void insertWeChat(JdbcClient jdbc, long messageId, String openId, String body, String status, int attempts,
            Timestamp due, Timestamp sentAt, String error) {
        jdbc.sql("""
                INSERT INTO wechat_outbound (message_id, open_id, body, status, attempts, next_attempt_at, sent_at, last_error)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(messageId, openId, body, status, attempts, due, sentAt, error).update();
    }

    private static void migrate(DataSource dataSource, String vendor, String target) {
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration/" + vendor).target(target)
                .load().migrate();
    }
}
