package io.kefu.customer;

import java.time.Instant;

/** A customer as stored. */
public record Customer(long id, String externalId, String name, CustomerTier tier, Instant createdAt) {
}
