package io.kefu.channel.wecom;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
 * Turns a verified, decrypted WeCom callback into an intake message. The writer is a member of a
 * client company's WeCom, known by their userid: the customer {@code wecom-<userid>}, registered
 * the first time they write, with the identity {@code WECOM_USERID} replies are addressed to. The
 * message and the identity are stored in one transaction; the platform's {@code MsgId} (for events:
 * sender + time + event, as for the Official Account) is the message's client id, so a callback
 * WeCom repeats is stored once.
 */
@Service
class WeComInbound {

    /** The identity channel replies are addressed by. */
    static final String IDENTITY = "WECOM_USERID";
    private static final Logger log = LoggerFactory.getLogger(WeComInbound.class);

    private final IntakeService intake;
    private final CustomerService customers;
    private final TransactionTemplate transaction;

    WeComInbound(IntakeService intake, CustomerService customers, TransactionTemplate transaction) {
        this.intake = intake;
        this.customers = customers;
        this.transaction = transaction;
    }

    /**
     * Stores the message, or nothing for a message type that carries nothing for an agent
     * (entering the application, location reports, …), which is logged.
     *
     * @throws IllegalArgumentException when the message lacks its sender
     */
    Optional<IntakeResult> receive(Map<String, String> fields) {
        String userId = fields.get("FromUserName");
        if (userId == null || !userId.matches("[A-Za-z0-9._@-]{1,64}")) {
            throw new IllegalArgumentException("FromUserName must be a WeCom userid");
        }
        Optional<String> text = text(fields);
        if (text.isEmpty()) {
            log.info("WeCom {} {} from {} acknowledged: nothing for an agent", fields.get("MsgType"),
                    fields.getOrDefault("Event", ""), userId);
            return Optional.empty();
        }
        // Linked by hand (or by a merge) to a customer, else the customer registered on their first message.
        String externalId = customers.findByIdentity(IDENTITY, userId).map(io.kefu.customer.Customer::externalId)
                .orElse("wecom-" + userId);
        if (customers.findByExternalId(externalId).isEmpty()) {
            try {
                // The callback carries no name: a recognisable placeholder until the CRM or an agent knows better.
                customers.register(externalId, "WeCom " + userId, CustomerTier.STANDARD);
            } catch (DuplicateCustomerException concurrent) {
                // WeCom's retry (or a second message) registered them a moment ago: the same customer.
            }
        }
        String clientId = clientMessageId(fields);
        return Optional.of(transaction.execute(status -> {
            IntakeResult result = intake.receive(new InboundMessage(Channel.WECOM, externalId, text.get(), null, clientId));
            customers.rememberIdentity(customers.findByExternalId(externalId).orElseThrow().id(), IDENTITY, userId);
            return result;
        }));
    }

    /** What the agent reads; empty for messages that carry nothing for them. */
    static Optional<String> text(Map<String, String> fields) {
        return switch (fields.getOrDefault("MsgType", "")) {
            case "text" -> Optional.ofNullable(blankToNull(fields.get("Content"))).map(String::strip);
            case "image" -> Optional.of("[image] " + fields.getOrDefault("PicUrl", fields.getOrDefault("MediaId", "")).strip());
            case "voice" -> Optional.of("[voice] " + fields.getOrDefault("MediaId", "").strip());
            case "video" -> Optional.of("[video] " + fields.getOrDefault("MediaId", "").strip());
            case "link" -> Optional.of("[link] " + (fields.getOrDefault("Title", "") + " " + fields.getOrDefault("Url", "")).strip());
            case "event" -> switch (fields.getOrDefault("Event", "").toLowerCase(Locale.ROOT)) {
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
            return "wecom:" + msgId;
        }
        String key = fields.getOrDefault("FromUserName", "") + "|" + fields.getOrDefault("CreateTime", "") + "|"
                + fields.getOrDefault("Event", "") + "|" + fields.getOrDefault("EventKey", "");
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return "wecome:" + HexFormat.of().formatHex(digest, 0, 20);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
