package io.kefu.customer;

/** A customer with this external id already exists. */
public class DuplicateCustomerException extends RuntimeException {

    public DuplicateCustomerException(String externalId) {
        super("A customer with externalId '" + externalId + "' already exists");
    }
}
