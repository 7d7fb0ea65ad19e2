package io.kefu.customer;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

/** A customer with this external id already exists (the API answers 409). */
@ResponseStatus(HttpStatus.CONFLICT)
public class DuplicateCustomerException extends RuntimeException {

    public DuplicateCustomerException(String externalId) {
        super("A customer with externalId '" + externalId + "' already exists");
    }
}
