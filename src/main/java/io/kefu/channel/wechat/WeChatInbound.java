package io.kefu.channel.wechat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import io.kefu.customer.Customer;
import io.kefu.customer.CustomerService;
import io.kefu.customer.CustomerTier;
import io.kefu.customer.DuplicateCustomerException;
import io.kefu.intake.InboundMessage;
import io.kefu.intake.IntakeResult;
import io.kefu.intake.IntakeService;
import io.kefu.ticket.Channel;

/**
 * Turns a verified callback message into an intake message. The customer is the one whose openid
 * wrote before, else the one with the same unionid (the same person on another of the company's
 * accounts, as the platform vouches), else a new customer {@code wx-<openid>} ({@code wxu-<unionid>}
 * when a unionid is given). The message, the ticket and the contact's last-message time are stored
 * in one transaction; the platform's message id (for events: sender + time + event, as the platform
 * documents for deduplication) is the message's client id, so a callback the platform repeats is
 * stored once.
 */
@Service
class WeChatInbound {

    private final IntakeService intake;
    private final CustomerService customers;
    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final Clock clock;

    WeChatInbound(IntakeService intake, CustomerService customers, JdbcClient jdbc, TransactionTemplate transaction,
            Clock clock) {
        this.intake = intake;
        this.customers = customers;
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.clock = clock;
    }

    /**
     * Stores the message, or nothing for a message type that carries nothing for an agent
     * (unsubscribe, location reports, …).
     *
     * @throws IllegalArgumentException when the message lacks its sender
     */
    Optional<IntakeResult> receive(Map<String, String> fields) {
        String openId = fields.get("FromUserName");
        if (openId == null || !openId.matches("[A-Za-z0-9_-]{1,64}")) {
            throw new IllegalArgumentException("FromUserName must be an openid");
        }
        Optional<String> text = text(fields);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        String unionId = blankToNull(fields.get("UnionId"));
        if (unionId != null && !unionId.matches("[A-Za-z0-9_-]{1,64}")) {
            unionId = null;
        }
        String externalId = customerFor(openId, unionId);
        String clientId = clientMessageId(fields);
        String union = unionId;
        return Optional.of(transaction.execute(status -> {
            IntakeResult result = intake.receive(new InboundMessage(Channel.WECHAT, externalId, text.get(), null, clientId));
            long customerId = customers.findByExternalId(externalId).orElseThrow().id();
            touchContact(customerId, openId, union);
            return result;
        }));
    }

    private String customerFor(String openId, String unionId) {
        Optional<String> known = jdbc.sql("""
                SELECT c.external_id FROM wechat_contact w JOIN customer c ON c.id = w.customer_id
                 WHERE w.open_id = ? OR (? IS NOT NULL AND w.union_id = ?) ORDER BY CASE WHEN w.open_id = ? THEN 0 ELSE 1 END
                """).params(openId, unionId, unionId, openId).query(String.class).list().stream().findFirst();
        if (known.isPresent()) {
            return known.get();
        }
        // Linked by hand before they ever wrote here (the shop knows its user's unionid from a WeChat login).
        Optional<String> linked = customers.findByIdentity("WECHAT_OPENID", openId)
                .or(() -> unionId == null ? Optional.empty() : customers.findByIdentity("WECHAT_UNIONID", unionId))
                .map(io.kefu.customer.Customer::externalId);
        if (linked.isPresent()) {
            return linked.get();
        }
        String externalId = unionId != null ? "wxu-" + unionId : "wx-" + openId;
        if (customers.findByExternalId(externalId).isEmpty()) {
            try {
                // The callback carries no name (the platform no longer gives nicknames): a recognisable placeholder.
                customers.register(externalId, "WeChat " + openId.substring(Math.max(0, openId.length() - 6)),
                        CustomerTier.STANDARD);
            } catch (DuplicateCustomerException concurrent) {
                // The platform's retry (or a second message) registered them a moment ago: the same customer.
            }
        }
        return externalId;
    }

    private void touchContact(long customerId, String openId, String unionId) {
        Timestamp now = Timestamp.from(clock.instant().truncatedTo(ChronoUnit.MILLIS));
        int updated = jdbc.sql("""
                UPDATE wechat_contact SET last_inbound_at = ?, union_id = COALESCE(?, union_id) WHERE open_id = ?
                """).params(now, unionId, openId).update();
        if (updated == 0) {
            // A second openid of a customer (a customer merged with another WeChat customer, or another of
            // the company's accounts under the same unionid): one contact per customer, and replies go to
            // the openid that wrote last.
            updated = jdbc.sql("""
                    UPDATE wechat_contact SET open_id = ?, union_id = COALESCE(?, union_id), last_inbound_at = ?
                     WHERE customer_id = ?""").params(openId, unionId, now, customerId).update();
        }
        if (updated == 0) {
            jdbc.sql("INSERT INTO wechat_contact (customer_id, open_id, union_id, last_inbound_at) VALUES (?, ?, ?, ?)")
                    .params(customerId, openId, unionId, now).update();
        }
        customers.rememberIdentity(customerId, "WECHAT_OPENID", openId);
        if (unionId != null) {
            customers.rememberIdentity(customerId, "WECHAT_UNIONID", unionId);
        }
    }

    /** What the agent reads; empty for messages that carry nothing for them. */
    static Optional<String> text(Map<String, String> fields) {
        String type = fields.getOrDefault("MsgType", "");
        return switch (type) {
            case "text" -> Optional.ofNullable(blankToNull(fields.get("Content")));
            case "image" -> Optional.of("[image] " + fields.getOrDefault("PicUrl", fields.getOrDefault("MediaId", "")).strip());
            case "voice" -> Optional.of(blankToNull(fields.get("Recognition")) != null
                    ? "[voice] " + fields.get("Recognition").strip()
                    : "[voice] " + fields.getOrDefault("MediaId", "").strip());
            case "event" -> switch (fields.getOrDefault("Event", "").toLowerCase(java.util.Locale.ROOT)) {
                case "subscribe" -> Optional.of("[subscribed]");
                case "click" -> Optional.of("[menu] " + fields.getOrDefault("EventKey", "").strip());
                default -> Optional.empty();
            };
            default -> Optional.empty();
        };
    }

    /** The platform's message id, or for events a digest of sender, time and event (at most 64 characters). */
    static String clientMessageId(Map<String, String> fields) {
        String msgId = blankToNull(fields.get("MsgId"));
        if (msgId != null && msgId.matches("[0-9]{1,40}")) {
            return "wx:" + msgId;
        }
        String key = fields.getOrDefault("FromUserName", "") + "|" + fields.getOrDefault("CreateTime", "") + "|"
                + fields.getOrDefault("Event", "") + "|" + fields.getOrDefault("EventKey", "");
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return "wxe:" + HexFormat.of().formatHex(digest, 0, 20);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
