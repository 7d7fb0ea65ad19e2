package io.kefu.customer;

/** No customer has the given external id. */
public class CustomerNotFoundException extends RuntimeException {

    public CustomerNotFoundException(String externalId) {
        super("No customer with externalId '" + externalId + "'");
    }
}
