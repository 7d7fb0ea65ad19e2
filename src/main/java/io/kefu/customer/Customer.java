package io.kefu.customer;

import java.time.Instant;

/**
 * A customer as stored.
 *
 * @param email the e-mail address the customer gave (the web chat's pre-chat form), unverified
 *              contact data; {@code null} when none was given
 */
public record Customer(long id, String externalId, String name, CustomerTier tier, Instant createdAt, String email) {
}
