package io.kefu.chat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.kefu.customer.Customer;
import io.kefu.customer.CustomerService;
import io.kefu.customer.CustomerTier;
import io.kefu.customer.DuplicateCustomerException;
import io.kefu.customer.ExternalId;

/**
 * Visitors of the widget: issues their tokens (Kefu keeps only the SHA-256), resolves them,
 * revokes them. An anonymous visitor becomes a new customer of its own ({@code v-…}); a visitor
 * whose host site signed the customer's external id joins that customer (created when unknown),
 * with their tier and history. A claim to be a known customer without a valid signature is refused.
 */
@Service
@Transactional
public class VisitorService {

    static final String TOKEN_PREFIX = "kv_";

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int MAX_NAME = 200;
    private static final int MAX_EMAIL = 254;
    /** A pragmatic address check (local part @ a domain with a dot), not RFC 5322's every corner. */
    private static final Pattern EMAIL = Pattern.compile(
            "[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+[A-Za-z]{2,63}");
    private static final Pattern CONTROL = Pattern.compile("\\p{Cc}");

    private final JdbcClient jdbc;
    private final CustomerService customers;
    private final ChatChannels channels;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    VisitorService(JdbcClient jdbc, CustomerService customers, ChatChannels channels, Clock clock,
            ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.customers = customers;
        this.channels = channels;
        this.clock = clock;
        this.events = events;
    }

    /** What a widget sends to start or continue; every field but the channel key may be null. */
    public record Start(String channelKey, String visitorToken, String externalId, String userHash, String name,
            String email) {
    }

    /** What the pre-chat form sends: both fields required. */
    public record Contact(String name, String email) {
    }

    /** A visitor and the token to hand out (the token is only known when it was just issued or presented). */
    record Issued(Visitor visitor, String token) {
    }

    /**
     * Continues the visitor of a valid token, or issues a new one: for the customer whose external
     * id the host site signed, or for a new anonymous customer.
     *
     * @throws IdentityRefusedException      an external id without a valid signature
     * @throws VisitorTokenRejectedException an unknown or revoked token, or one of another channel
     */
    Issued start(Start start) {
        ChatChannel channel = channels.require(start.channelKey());
        String name = name(start.name());
        String email = email(start.email());
        if (start.externalId() != null) {
            String externalId = start.externalId();
            if (!ExternalId.PATTERN.matcher(externalId).matches()) {
                throw new ChatRefusedException("bad_request", "externalId " + ExternalId.RULE);
            }
            if (!IdentitySignature.verifies(channel.secret(), externalId, start.userHash())) {
                throw new IdentityRefusedException(start.userHash() == null || start.userHash().isBlank()
                        ? "externalId needs userHash: the hex HMAC-SHA256 of the externalId under the channel's secret"
                        : "userHash is not the HMAC-SHA256 of this externalId under the channel's secret");
            }
            Customer customer = customerFor(externalId, name);
            if (start.visitorToken() != null) {
                Optional<Visitor> known = resolve(start.visitorToken());
                if (known.isPresent() && known.get().customerId() == customer.id()
                        && known.get().channelKey().equals(channel.key())) {
                    touch(known.get().id(), name, email);
                    return new Issued(known.get(), start.visitorToken());
                }
            }
            return issue(channel, customer, true, name, email);
        }
        if (start.visitorToken() != null) {
            Visitor known = resolve(start.visitorToken()).filter(v -> v.channelKey().equals(channel.key()))
                    .orElseThrow(VisitorTokenRejectedException::new);
            touch(known.id(), name, email);
            if (name != null || email != null) {
                customers.updateContact(known.customerId(), name, email);
            }
            return new Issued(known, start.visitorToken());
        }
        String externalId = "v-" + HexFormat.of().formatHex(random(10));
        Customer customer = customers.register(externalId, name == null ? "Visitor " + externalId.substring(2, 8) : name,
                CustomerTier.STANDARD, email);
        return issue(channel, customer, false, name, email);
    }

    /**
     * The pre-chat form's answer: name and e-mail address, both required and checked here. An
     * anonymous visitor's customer takes them (the agent sees them on the ticket); for a customer
     * the host site signed for, whose record is the host's, they are kept with the visitor only.
     *
     * @throws ChatRefusedException a missing, too long or malformed field; nothing is stored then
     */
    void contact(Visitor visitor, Contact contact) {
        String name = name(contact == null ? null : contact.name());
        String email = email(contact == null ? null : contact.email());
        if (name == null) {
            throw new ChatRefusedException("bad_request", "name is required");
        }
        if (email == null) {
            throw new ChatRefusedException("bad_request", "email is required");
        }
        touch(visitor.id(), name, email);
        if (!visitor.identified()) {
            customers.updateContact(visitor.customerId(), name, email);
        }
    }

    /**
     * Whether the visitor's channel asks for the pre-chat form and the visitor has not answered it
     * yet (their customer has no e-mail address): the widget shows the form first.
     */
    @Transactional(readOnly = true)
    public boolean needsPreChat(Visitor visitor) {
        return channels.find(visitor.channelKey()).filter(c -> c.asksPreChat(visitor)).isPresent()
                && customers.get(visitor.customerId()).email() == null;
    }

    /** Refuses what a visitor sends before the pre-chat form their channel asks for ({@code pre_chat_required}). */
    @Transactional(readOnly = true)
    public void requirePreChatAnswered(Visitor visitor) {
        if (needsPreChat(visitor)) {
            throw new ChatRefusedException("pre_chat_required",
                    "This chat asks for your name and e-mail address first (POST /chat/api/visitors/current/contact)");
        }
    }

    /** The visitor of a token that is neither unknown nor revoked. */
    @Transactional(readOnly = true)
    public Optional<Visitor> resolve(String token) {
        if (token == null || !token.startsWith(TOKEN_PREFIX) || token.length() > 100) {
            return Optional.empty();
        }
        return jdbc.sql("""
                SELECT v.id, v.channel_key, v.customer_id, v.identified, c.external_id
                  FROM chat_visitor v JOIN customer c ON c.id = v.customer_id
                 WHERE v.token_hash = ? AND v.revoked_at IS NULL
                """).param(hash(token))
                .query((rs, row) -> new Visitor(rs.getLong("id"), rs.getString("channel_key"), rs.getLong("customer_id"),
                        rs.getString("external_id"), rs.getBoolean("identified")))
                .optional();
    }

    /**
     * Revokes a visitor's token: it opens nothing any more, and its live connections are closed
     * (after commit, {@link VisitorRevoked}). Revoking again changes nothing.
     *
     * @return false when no such visitor exists
     */
    public boolean revoke(long visitorId) {
        int changed = jdbc.sql("UPDATE chat_visitor SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL")
                .params(Timestamp.from(now()), visitorId).update();
        if (changed == 1) {
            events.publishEvent(new VisitorRevoked(visitorId));
            return true;
        }
        return jdbc.sql("SELECT COUNT(*) FROM chat_visitor WHERE id = ?").param(visitorId).query(Long.class).single() > 0;
    }

    /**
     * Customer {@code fromId} was merged into {@code intoId}: their web visitors and files are the
     * second's now (a visitor token of the first opens the second's conversation); their receipts go
     * with them unless the second has their own, which stay.
     */
    @org.springframework.context.event.EventListener
    void on(io.kefu.customer.CustomersMerged merged) {
        jdbc.sql("UPDATE chat_visitor SET customer_id = ? WHERE customer_id = ?").params(merged.intoId(), merged.fromId()).update();
        jdbc.sql("UPDATE chat_attachment SET customer_id = ? WHERE customer_id = ?").params(merged.intoId(), merged.fromId())
                .update();
        boolean intoHasReceipts = jdbc.sql("SELECT COUNT(*) FROM chat_receipt WHERE customer_id = ?").param(merged.intoId())
                .query(Long.class).single() > 0;
        if (intoHasReceipts) {
            jdbc.sql("DELETE FROM chat_receipt WHERE customer_id = ?").param(merged.fromId()).update();
        } else {
            jdbc.sql("UPDATE chat_receipt SET customer_id = ? WHERE customer_id = ?").params(merged.intoId(), merged.fromId())
                    .update();
        }
    }

    private Customer customerFor(String externalId, String name) {
        Optional<Customer> known = customers.findByExternalId(externalId);
        if (known.isPresent()) {
            return known.get();
        }
        try {
            return customers.register(externalId, name == null ? externalId : name, CustomerTier.STANDARD);
        } catch (DuplicateCustomerException | DuplicateKeyException raced) {
            return customers.findByExternalId(externalId).orElseThrow(() -> raced);
        }
    }

    private Issued issue(ChatChannel channel, Customer customer, boolean identified, String name, String email) {
        String token = TOKEN_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(random(32));
        Timestamp now = Timestamp.from(now());
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO chat_visitor (channel_key, token_hash, customer_id, identified, name, email, created_at, last_seen_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """).params(channel.key(), hash(token), customer.id(), identified, name, email, now, now)
                .update(keys, "id");
        long id = keys.getKeyAs(Number.class).longValue();
        return new Issued(new Visitor(id, channel.key(), customer.id(), customer.externalId(), identified), token);
    }

    private void touch(long visitorId, String name, String email) {
        jdbc.sql("""
                UPDATE chat_visitor SET last_seen_at = ?, name = COALESCE(?, name), email = COALESCE(?, email)
                 WHERE id = ?
                """).params(Timestamp.from(now()), name, email, visitorId).update();
    }

    static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] random(int bytes) {
        byte[] value = new byte[bytes];
        RANDOM.nextBytes(value);
        return value;
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    /** A name as given (stripped), or null when blank; refused when too long or holding control characters. */
    static String name(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String name = value.strip();
        if (name.length() > MAX_NAME || CONTROL.matcher(name).find()) {
            throw new ChatRefusedException("bad_request", "name must be at most " + MAX_NAME
                    + " characters, without control characters");
        }
        return name;
    }

    /** An e-mail address as given (stripped), or null when blank; refused when it is not one. */
    static String email(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String email = value.strip();
        if (email.length() > MAX_EMAIL || !EMAIL.matcher(email).matches()) {
            throw new ChatRefusedException("bad_request", "email must be an e-mail address such as li.wei@example.com"
                    + " (at most " + MAX_EMAIL + " characters)");
        }
        return email;
    }
}
