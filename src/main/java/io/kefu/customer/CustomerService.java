package io.kefu.customer;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Registers customers and their channel identities. Every change of a customer's row — registered,
 * tier, name, e-mail — publishes {@link CustomerChanged} in its transaction.
 */
@Service
@Transactional
public class CustomerService {

    private final JdbcClient jdbc;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    CustomerService(JdbcClient jdbc, Clock clock, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.events = events;
    }

    /**
     * Registers a customer; a second customer with the same external id is refused.
     *
     * @throws IllegalArgumentException when {@code externalId} breaks the {@link ExternalId} rule
     */
    public Customer register(String externalId, String name, CustomerTier tier) {
        return register(externalId, name, tier, null);
    }

    /**
     * Registers a customer with the e-mail address they gave (null: none), one
     * {@link CustomerChanged} for all of it.
     *
     * @throws IllegalArgumentException when {@code externalId} breaks the {@link ExternalId} rule
     */
    public Customer register(String externalId, String name, CustomerTier tier, String email) {
        if (externalId == null || !ExternalId.PATTERN.matcher(externalId).matches()) {
            throw new IllegalArgumentException("externalId " + ExternalId.RULE);
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        KeyHolder keys = new GeneratedKeyHolder();
        try {
            jdbc.sql("INSERT INTO customer (external_id, name, tier, created_at, email) VALUES (?, ?, ?, ?, ?)")
                    .params(externalId, name, tier.name(), Timestamp.from(now), email)
                    .update(keys, "id");
        } catch (DuplicateKeyException duplicate) {
            throw new DuplicateCustomerException(externalId);
        }
        Customer customer = new Customer(keys.getKeyAs(Number.class).longValue(), externalId, name, tier, now, email);
        events.publishEvent(new CustomerChanged(customer, now));
        return customer;
    }

    /**
     * The customer of this external id; for a customer merged into another ({@link #merge}), that
     * other one: an id a channel derived for a customer (say {@code wx-…}) keeps finding them.
     */
    @Transactional(readOnly = true)
    public Optional<Customer> findByExternalId(String externalId) {
        return jdbc.sql("SELECT * FROM customer WHERE external_id = ?").param(externalId).query(this::row)
                .optional().map(row -> row.mergedInto() == null ? row.customer() : get(row.mergedInto()));
    }

    @Transactional(readOnly = true)
    public Customer get(long customerId) {
        return jdbc.sql("SELECT * FROM customer WHERE id = ?").param(customerId).query(this::map).single();
    }

    /**
     * Loads the customer and locks their row until the transaction ends, so that two messages
     * arriving at once for the same customer cannot open two tickets. A customer merged into another
     * stands for that other one, whose row is locked then.
     */
    public Customer lockByExternalId(String externalId) {
        Row row = jdbc.sql("SELECT * FROM customer WHERE external_id = ? FOR UPDATE").param(externalId)
                .query(this::row).optional().orElseThrow(() -> new CustomerNotFoundException(externalId));
        if (row.mergedInto() == null) {
            return row.customer();
        }
        return jdbc.sql("SELECT * FROM customer WHERE id = ? FOR UPDATE").param(row.mergedInto()).query(this::map).single();
    }

    /**
     * The customer an address on a channel identifies ({@code EMAIL} and an address, {@code
     * WECHAT_UNIONID} and a unionid, …): recorded when they wrote from it, or linked by an agent or a
     * back-office system ({@link #link}). E-mail addresses compare in lower case.
     */
    @Transactional(readOnly = true)
    public Optional<Customer> findByIdentity(String kind, String address) {
        return jdbc.sql("""
                SELECT c.* FROM channel_identity i JOIN customer c ON c.id = i.customer_id
                 WHERE i.channel = ? AND i.address = ?""")
                .params(kind, IdentityKind.normalise(kind, address)).query(this::map).optional();
    }

    /**
     * Changes the customer's tier (a CRM's decision, sent through the inbound webhook); tickets
     * opened from now on carry it. The tier they have already changes nothing.
     *
     * @throws CustomerNotFoundException for an unknown external id
     */
    public Customer changeTier(String externalId, CustomerTier tier) {
        Customer before = lockByExternalId(externalId);
        if (before.tier() == tier) {
            return before;
        }
        jdbc.sql("UPDATE customer SET tier = ? WHERE id = ?").params(tier.name(), before.id()).update();
        return changed(before.id());
    }

    /**
     * Records what the customer said of themselves (the web chat's pre-chat form): a name replaces
     * the one they had, an e-mail address is kept as contact data (never as an identity, so it
     * joins no customer to another); {@code null} leaves a field as it is, and so does the value it
     * has already.
     */
    public void updateContact(long customerId, String name, String email) {
        Customer before = jdbc.sql("SELECT * FROM customer WHERE id = ? FOR UPDATE").param(customerId)
                .query(this::map).single();
        boolean newName = name != null && !name.equals(before.name());
        boolean newEmail = email != null && !email.equals(before.email());
        if (!newName && !newEmail) {
            return;
        }
        jdbc.sql("UPDATE customer SET name = ?, email = ? WHERE id = ?")
                .params(newName ? name : before.name(), newEmail ? email : before.email(), customerId).update();
        changed(customerId);
    }

    /** The customer as just written, told to listeners ({@link CustomerChanged}). */
    private Customer changed(long customerId) {
        Customer after = get(customerId);
        events.publishEvent(new CustomerChanged(after, clock.instant().truncatedTo(ChronoUnit.MILLIS)));
        return after;
    }

    /**
     * Remembers that the customer is reachable at this address on this channel: one statement that
     * inserts the identity unless it is known (the usual case), rather than a look-up and an insert.
     * An address some other customer has already stays theirs (identities link by rule, never by a
     * late guess).
     */
    public void rememberIdentity(long customerId, String channel, String address) {
        String normal = IdentityKind.normalise(channel, address);
        jdbc.sql("""
                INSERT INTO channel_identity (customer_id, channel, address, created_at)
                SELECT ?, ?, ?, ? FROM DUAL
                 WHERE NOT EXISTS (SELECT 1 FROM channel_identity WHERE channel = ? AND address = ?)
                """).params(customerId, channel, normal, Timestamp.from(clock.instant()), channel, normal).update();
    }

    /**
     * Links an identity to the customer by hand (an agent who checked it, or the shop's back office
     * that knows its user's WeChat unionid from a WeChat login): from now on that address reaches and
     * identifies this customer.
     *
     * @return true when it was linked, false when the customer had it already
     * @throws IllegalArgumentException  for a kind that is not one of {@link IdentityKind} or a
     *                                   malformed address
     * @throws IdentityTakenException    when another customer has it (merge the two instead)
     * @throws CustomerNotFoundException for an unknown external id
     */
    public boolean link(String externalId, String kind, String address) {
        IdentityKind type = IdentityKind.parse(kind);
        String normal = type.check(address);
        Customer customer = lockByExternalId(externalId);
        Optional<Long> owner = jdbc.sql("SELECT customer_id FROM channel_identity WHERE channel = ? AND address = ?")
                .params(type.name(), normal).query(Long.class).optional();
        if (owner.isPresent()) {
            if (owner.get() == customer.id()) {
                return false;
            }
            throw new IdentityTakenException(type.name(), normal, get(owner.get()).externalId());
        }
        try {
            jdbc.sql("INSERT INTO channel_identity (customer_id, channel, address, created_at) VALUES (?, ?, ?, ?)")
                    .params(customer.id(), type.name(), normal, Timestamp.from(clock.instant())).update();
        } catch (DuplicateKeyException raced) {
            throw new IdentityTakenException(type.name(), normal, findByIdentity(type.name(), normal)
                    .map(Customer::externalId).orElse("?"));
        }
        events.publishEvent(new IdentityLinked(customer.id(), customer.externalId(), type.name(), normal));
        return true;
    }

    /**
     * Merges customer {@code fromExternalId} into {@code intoExternalId}: every identity of the first
     * becomes the second's, the first is marked merged (its external id stands for the second from now
     * on) and {@link CustomersMerged} tells the other modules to move what they keep of the customer
     * (conversations, tickets, web visitors, messenger contacts), in this transaction. Both rows are
     * locked, the lower id first.
     *
     * @return the customer that goes on
     * @throws CustomerNotFoundException for an unknown external id
     * @throws IllegalArgumentException  for the same customer twice
     */
    public Customer merge(String intoExternalId, String fromExternalId) {
        Customer into = findByExternalId(intoExternalId).orElseThrow(() -> new CustomerNotFoundException(intoExternalId));
        Customer from = findByExternalId(fromExternalId).orElseThrow(() -> new CustomerNotFoundException(fromExternalId));
        if (into.id() == from.id()) {
            throw new IllegalArgumentException(fromExternalId.equals(intoExternalId)
                    ? "a customer cannot be merged into themselves"
                    : fromExternalId + " was merged into " + into.externalId() + " already");
        }
        for (long id : new long[] {Math.min(into.id(), from.id()), Math.max(into.id(), from.id())}) {
            jdbc.sql("SELECT id FROM customer WHERE id = ? FOR UPDATE").param(id).query(Long.class).single();
        }
        jdbc.sql("UPDATE channel_identity SET customer_id = ? WHERE customer_id = ?").params(into.id(), from.id()).update();
        jdbc.sql("UPDATE customer SET merged_into = ? WHERE id = ? OR merged_into = ?").params(into.id(), from.id(), from.id())
                .update();
        if (into.email() == null && from.email() != null) {
            jdbc.sql("UPDATE customer SET email = ? WHERE id = ?").params(from.email(), into.id()).update();
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        events.publishEvent(new CustomersMerged(into.id(), from.id(), from.externalId(), now));
        return changed(into.id());
    }

    /** Every address the customer wrote from, the oldest first. */
    @Transactional(readOnly = true)
    public java.util.List<ChannelIdentity> identities(long customerId) {
        return jdbc.sql("""
                SELECT channel, address, created_at FROM channel_identity
                 WHERE customer_id = ? ORDER BY created_at, id
                """).param(customerId)
                .query((rs, row) -> new ChannelIdentity(rs.getString("channel"), rs.getString("address"),
                        rs.getTimestamp("created_at").toInstant()))
                .list();
    }

    private Customer map(ResultSet rs, int row) throws SQLException {
        return new Customer(rs.getLong("id"), rs.getString("external_id"), rs.getString("name"),
                CustomerTier.valueOf(rs.getString("tier")), rs.getTimestamp("created_at").toInstant(),
                rs.getString("email"));
    }

    private Row row(ResultSet rs, int row) throws SQLException {
        long mergedInto = rs.getLong("merged_into");
        Long into = rs.wasNull() ? null : mergedInto;
        return new Row(map(rs, row), into);
    }

    /** A customer's row as stored: merged into another customer, or not (null). */
    private record Row(Customer customer, Long mergedInto) {
    }
}
