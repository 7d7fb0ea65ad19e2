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

    @Transactional(readOnly = true)
    public Optional<Customer> findByExternalId(String externalId) {
        return jdbc.sql("SELECT * FROM customer WHERE external_id = ?").param(externalId).query(this::map)
                .optional();
    }

    @Transactional(readOnly = true)
    public Customer get(long customerId) {
        return jdbc.sql("SELECT * FROM customer WHERE id = ?").param(customerId).query(this::map).single();
    }

    /**
     * Loads the customer and locks their row until the transaction ends, so that two messages
     * arriving at once for the same customer cannot open two tickets.
     */
    public Customer lockByExternalId(String externalId) {
        return jdbc.sql("SELECT * FROM customer WHERE external_id = ? FOR UPDATE").param(externalId)
                .query(this::map).optional().orElseThrow(() -> new CustomerNotFoundException(externalId));
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
     */
    public void rememberIdentity(long customerId, String channel, String address) {
        jdbc.sql("""
                INSERT INTO channel_identity (customer_id, channel, address, created_at)
                SELECT ?, ?, ?, ? FROM DUAL
                 WHERE NOT EXISTS (SELECT 1 FROM channel_identity WHERE channel = ? AND address = ?)
                """).params(customerId, channel, address, Timestamp.from(clock.instant()), channel, address).update();
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
}
