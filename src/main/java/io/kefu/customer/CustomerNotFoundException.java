package io.kefu.customer;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

/** No customer has the given external id (the API answers 404). */
@ResponseStatus(HttpStatus.NOT_FOUND)
public class CustomerNotFoundException extends RuntimeException {

    public CustomerNotFoundException(String externalId) {
        super("No customer with externalId '" + externalId + "'");
    }
}
