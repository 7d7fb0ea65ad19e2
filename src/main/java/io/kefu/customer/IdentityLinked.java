package io.kefu.customer;

/**
 * An identity was linked to a customer by hand ({@link CustomerService#link}); published in the
 * linking transaction (the audit log records it once committed).
 */
public record IdentityLinked(long customerId, String externalId, String kind, String address) {
}
