package io.kefu.channel.dingtalk;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import io.kefu.customer.CustomerService;
import io.kefu.customer.CustomerTier;
import io.kefu.customer.DuplicateCustomerException;
import io.kefu.intake.InboundMessage;
import io.kefu.intake.IntakeResult;
import io.kefu.intake.IntakeService;
import io.kefu.ticket.Channel;

/**
 * Turns a verified DingTalk robot message into an intake message. The writer is known by their
 * staff id ({@code senderStaffId}, a member of the organisation: customer {@code dingtalk-<staffId>})
 * or, for someone outside it, by the robot-scoped {@code senderId} (customer {@code dingtalk-s-<digest>});
 * a sender who wrote before is the same customer whichever of the two they come with. The message,
 * the identities ({@code DINGTALK_STAFFID}, {@code DINGTALK_SENDER}) and the contact replies need
 * (the session webhook and until when it is valid) are stored in one transaction; the platform's
 * {@code msgId} is the message's client id, so a message DingTalk repeats is stored once.
 */
@Service
class DingTalkInbound {

    static final String STAFF_IDENTITY = "DINGTALK_STAFFID";
    static final String SENDER_IDENTITY = "DINGTALK_SENDER";
    private static final Logger log = LoggerFactory.getLogger(DingTalkInbound.class);

    private final IntakeService intake;
    private final CustomerService customers;
    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final DingTalkProperties settings;
    private final Clock clock;

    DingTalkInbound(IntakeService intake, CustomerService customers, JdbcClient jdbc, TransactionTemplate transaction,
            DingTalkProperties settings, Clock clock) {
        this.intake = intake;
        this.customers = customers;
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * Stores the message, or nothing (logged) for a message type that carries nothing for an agent.
     *
     * @throws IllegalArgumentException when the message lacks its sender or its id
     */
    Optional<IntakeResult> receive(JsonNode message) {
        String senderId = text(message, "senderId");
        if (senderId == null || senderId.length() > 255) {
            throw new IllegalArgumentException("senderId is missing or longer than 255 characters");
        }
        String staffId = text(message, "senderStaffId");
        if (staffId != null && !staffId.matches("[A-Za-z0-9._@+-]{1,64}")) {
            throw new IllegalArgumentException("senderStaffId must be a DingTalk staff id");
        }
        String clientId = clientMessageId(message);
        if (clientId == null) {
            throw new IllegalArgumentException("msgId is missing");
        }
        Optional<String> body = text(message);
        if (body.isEmpty()) {
            log.info("DingTalk {} message from {} acknowledged: nothing for an agent", text(message, "msgtype"),
                    staffId != null ? staffId : "a sender outside the organisation");
            return Optional.empty();
        }
        String externalId = customerFor(senderId, staffId, text(message, "senderNick"));
        String webhook = text(message, "sessionWebhook");
        if (webhook != null && !settings.trustedWebhook(webhook)) {
            log.warn("DingTalk message {} names a session webhook outside {}: not used for replies", clientId, settings.oapiBase());
            webhook = null;
        }
        long expires = message.path("sessionWebhookExpiredTime").asLong(0);
        Instant webhookExpires = webhook == null || expires <= 0 ? null : Instant.ofEpochMilli(expires);
        String sessionWebhook = webhook;
        return Optional.of(transaction.execute(status -> {
            IntakeResult result = intake.receive(new InboundMessage(Channel.DINGTALK, externalId, body.get(), null, clientId));
            long customerId = customers.findByExternalId(externalId).orElseThrow().id();
            touchContact(customerId, senderId, staffId, sessionWebhook, webhookExpires);
            return result;
        }));
    }

    private String customerFor(String senderId, String staffId, String nick) {
        Optional<String> known = jdbc.sql("""
                SELECT c.external_id FROM dingtalk_contact d JOIN customer c ON c.id = d.customer_id
                 WHERE d.sender_id = ? OR (? IS NOT NULL AND d.staff_id = ?)
                 ORDER BY CASE WHEN d.staff_id = ? THEN 0 ELSE 1 END""")
                .params(senderId, staffId, staffId, staffId).query(String.class).list().stream().findFirst();
        if (known.isPresent()) {
            return known.get();
        }
        Optional<String> linked = staffId == null ? Optional.empty()
                : customers.findByIdentity(STAFF_IDENTITY, staffId).map(io.kefu.customer.Customer::externalId);
        if (linked.isPresent()) {
            return linked.get();
        }
        String externalId = staffId != null ? "dingtalk-" + staffId : "dingtalk-s-" + digest(senderId, 16);
        if (customers.findByExternalId(externalId).isEmpty()) {
            String name = nick != null && nick.length() <= 100 ? nick
                    : "DingTalk " + (staffId != null ? staffId : externalId.substring(externalId.length() - 6));
            try {
                customers.register(externalId, name, CustomerTier.STANDARD);
            } catch (DuplicateCustomerException concurrent) {
                // DingTalk's retry (or a second message) registered them a moment ago: the same customer.
            }
        }
        return externalId;
    }

    private void touchContact(long customerId, String senderId, String staffId, String webhook, Instant webhookExpires) {
        Timestamp now = Timestamp.from(clock.instant().truncatedTo(ChronoUnit.MILLIS));
        Timestamp expires = webhookExpires == null ? null : Timestamp.from(webhookExpires);
        int updated = jdbc.sql("""
                UPDATE dingtalk_contact SET sender_id = ?, staff_id = COALESCE(?, staff_id), last_inbound_at = ?
                 WHERE customer_id = ?""")
                .params(senderId, staffId, now, customerId).update();
        if (updated == 0) {
            jdbc.sql("""
                    INSERT INTO dingtalk_contact (customer_id, sender_id, staff_id, session_webhook, webhook_expires_at, last_inbound_at)
                    VALUES (?, ?, ?, ?, ?, ?)""")
                    .params(customerId, senderId, staffId, webhook, expires, now).update();
        } else if (webhook != null) {
            // The newest conversation's webhook is the one replies go through.
            jdbc.sql("UPDATE dingtalk_contact SET session_webhook = ?, webhook_expires_at = ? WHERE customer_id = ?")
                    .params(webhook, expires, customerId).update();
        }
        customers.rememberIdentity(customerId, SENDER_IDENTITY, senderId);
        if (staffId != null) {
            customers.rememberIdentity(customerId, STAFF_IDENTITY, staffId);
        }
    }

    /** What the agent reads; empty for messages that carry nothing for them. */
    static Optional<String> text(JsonNode message) {
        String type = message.path("msgtype").asText("");
        JsonNode content = message.path("content");
        return switch (type) {
            case "text" -> Optional.ofNullable(blankToNull(message.at("/text/content").asText(null))).map(String::strip);
            case "picture" -> Optional.of("[picture] " + content.path("downloadCode").asText("").strip());
            case "audio" -> Optional.of(blankToNull(content.path("recognition").asText(null)) != null
                    ? "[audio] " + content.path("recognition").asText().strip()
                    : "[audio] " + content.path("downloadCode").asText("").strip());
            case "video" -> Optional.of("[video] " + content.path("downloadCode").asText("").strip());
            case "file" -> Optional.of("[file] " + content.path("fileName").asText("").strip());
            case "richText" -> {
                StringBuilder out = new StringBuilder();
                for (JsonNode part : content.path("richText")) {
                    if (part.hasNonNull("text")) {
                        out.append(part.get("text").asText());
                    } else if (part.hasNonNull("downloadCode")) {
                        out.append(out.isEmpty() ? "" : " ").append("[picture] ").append(part.get("downloadCode").asText());
                    }
                }
                yield Optional.ofNullable(blankToNull(out.toString())).map(String::strip);
            }
            default -> Optional.empty();
        };
    }

    /** {@code dt:} and the platform's msgId, or a digest of it when it is long or unusual (at most 64 characters). */
    static String clientMessageId(JsonNode message) {
        String msgId = blankToNull(message.path("msgId").asText(null));
        if (msgId == null) {
            return null;
        }
        return msgId.matches("[A-Za-z0-9+/=_-]{1,60}") ? "dt:" + msgId : "dth:" + digest(msgId, 20);
    }

    private static String digest(String value, int bytes) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String text(JsonNode message, String field) {
        return blankToNull(message.path(field).asText(null));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
