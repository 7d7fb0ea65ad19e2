package io.kefu.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;

/**
 * What the benchmark's customers are and say: a fixed rotation of tiers, channels and first
 * messages covering every topic of the triage lexicon and every routing rule, so triage and Drools
 * do their usual work rather than one cached path.
 */
final class Workload {

    static final List<String> TEXTS = List.of(
            "App 一登录就闪退", "发票开错了，需要重开", "我的订单还没到", "How do I change my account email address?",
            "I was double charged for my subscription", "The website shows error 500 when I pay",
            "包裹显示已签收但是我没收到", "你好，想咨询一下", "Cannot log in after the update", "请帮我注销账号");
    static final List<String> CHANNELS = List.of("WEB", "APP", "EMAIL", "WECHAT", "WECOM", "DINGTALK", "API");

    private Workload() {
    }

    static String tier(long n) {
        return n % 5 == 0 ? "VIP" : "STANDARD";
    }

    static String text(long n) {
        return TEXTS.get((int) (n % TEXTS.size()));
    }

    static String channel(long n) {
        return CHANNELS.get((int) (n % CHANNELS.size()));
    }

    /** Registers customers {@code <prefix>-0 .. <prefix>-(count-1)} directly in the customer table. */
    static void registerCustomers(Db db, String prefix, int count) throws SQLException {
        try (Connection c = db.connect();
                PreparedStatement insert = c.prepareStatement(
                        "INSERT INTO customer (external_id, name, tier, created_at) VALUES (?, ?, ?, ?)")) {
            c.setAutoCommit(false);
            Timestamp now = new Timestamp(System.currentTimeMillis());
            for (int i = 0; i < count; i++) {
                insert.setString(1, prefix + "-" + i);
                insert.setString(2, "Bench customer " + i);
                insert.setString(3, tier(i));
                insert.setTimestamp(4, now);
                insert.addBatch();
                if (i % 1000 == 999) {
                    insert.executeBatch();
                }
            }
            insert.executeBatch();
            c.commit();
        }
    }

    /**
     * Stores what intake would have stored for {@code count} new tickets — customer, conversation,
     * ticket (status NEW) and the first inbound message — without starting any process, and
     * returns the ticket ids. Used by P2, whose measured part starts at the process.
     */
    static List<Long> seedTickets(Db db, String prefix, int count) throws SQLException {
        List<Long> ids = new ArrayList<>(count);
        try (Connection c = db.connect();
                PreparedStatement customer = c.prepareStatement(
                        "INSERT INTO customer (external_id, name, tier, created_at) VALUES (?, ?, ?, ?)",
                        Statement.RETURN_GENERATED_KEYS);
                PreparedStatement conversation = c.prepareStatement(
                        "INSERT INTO conversation (customer_id, channel, created_at, updated_at) VALUES (?, ?, ?, ?)",
                        Statement.RETURN_GENERATED_KEYS);
                PreparedStatement ticket = c.prepareStatement("""
                        INSERT INTO ticket (customer_id, conversation_id, channel, status, priority, reopen_count,
                                            last_customer_message_at, created_at, updated_at, version)
                        VALUES (?, ?, ?, 'NEW', 'NORMAL', 0, ?, ?, ?, 0)""", Statement.RETURN_GENERATED_KEYS);
                PreparedStatement message = c.prepareStatement("""
                        INSERT INTO message (conversation_id, ticket_id, direction, author, body, created_at)
                        VALUES (?, ?, 'INBOUND', ?, ?, ?)""")) {
            c.setAutoCommit(false);
            Timestamp now = new Timestamp(System.currentTimeMillis());
            for (int i = 0; i < count; i++) {
                String externalId = prefix + "-" + i;
                customer.setString(1, externalId);
                customer.setString(2, "Bench customer " + i);
                customer.setString(3, tier(i));
                customer.setTimestamp(4, now);
                long customerId = insertForKey(customer);
                conversation.setLong(1, customerId);
                conversation.setString(2, channel(i));
                conversation.setTimestamp(3, now);
                conversation.setTimestamp(4, now);
                long conversationId = insertForKey(conversation);
                ticket.setLong(1, customerId);
                ticket.setLong(2, conversationId);
                ticket.setString(3, channel(i));
                ticket.setTimestamp(4, now);
                ticket.setTimestamp(5, now);
                ticket.setTimestamp(6, now);
                long ticketId = insertForKey(ticket);
                message.setLong(1, conversationId);
                message.setLong(2, ticketId);
                message.setString(3, externalId);
                message.setString(4, text(i));
                message.setTimestamp(5, now);
                message.executeUpdate();
                ids.add(ticketId);
                if (i % 500 == 499) {
                    c.commit();
                }
            }
            c.commit();
        }
        return ids;
    }

    private static long insertForKey(PreparedStatement insert) throws SQLException {
        insert.executeUpdate();
        try (ResultSet keys = insert.getGeneratedKeys()) {
            keys.next();
            return keys.getLong(1);
        }
    }
}
