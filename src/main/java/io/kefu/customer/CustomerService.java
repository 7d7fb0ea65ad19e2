package io.kefu.customer;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Registers customers and their channel identities. */
@Service
@Transactional
public class CustomerService {

    private final JdbcClient jdbc;
    private final Clock clock;

    CustomerService(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * Registers a customer; a second customer with the same external id is refused.
     *
     * @throws IllegalArgumentException when {@code externalId} breaks the {@link ExternalId} rule
     */
    public Customer register(String externalId, String name, CustomerTier tier) {
        if (externalId == null || !ExternalId.PATTERN.matcher(externalId).matches()) {
            throw new IllegalArgumentException("externalId " + ExternalId.RULE);
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        KeyHolder keys = new GeneratedKeyHolder();
        try {
            jdbc.sql("INSERT INTO customer (external_id, name, tier, created_at) VALUES (?, ?, ?, ?)")
                    .params(externalId, name, tier.name(), Timestamp.from(now))
                    .update(keys, "id");
        } catch (DuplicateKeyException duplicate) {
            throw new DuplicateCustomerException(externalId);
        }
        return new Customer(keys.getKeyAs(Number.class).longValue(), externalId, name, tier, now, null);
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
     * opened from now on carry it.
     *
     * @throws CustomerNotFoundException for an unknown external id
     */
    public Customer changeTier(String externalId, CustomerTier tier) {
        int changed = jdbc.sql("UPDATE customer SET tier = ? WHERE external_id = ?").params(tier.name(), externalId).update();
        if (changed == 0) {
            throw new CustomerNotFoundException(externalId);
        }
        return lockByExternalId(externalId);
    }

    /**
     * Records what the customer said of themselves (the web chat's pre-chat form): a name replaces
     * the one they had, an e-mail address is kept as contact data (never as an identity, so it
     * joins no customer to another); {@code null} leaves a field as it is.
     */
    public void updateContact(long customerId, String name, String email) {
        jdbc.sql("UPDATE customer SET name = COALESCE(?, name), email = COALESCE(?, email) WHERE id = ?")
                .params(name, email, customerId).update();
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
