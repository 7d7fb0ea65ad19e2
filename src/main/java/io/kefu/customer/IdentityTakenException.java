package io.kefu.customer;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

/** The identity belongs to another customer: link nothing, merge the two customers instead. */
@ResponseStatus(HttpStatus.CONFLICT)
public class IdentityTakenException extends RuntimeException {

    private final String owner;

    public IdentityTakenException(String kind, String address, String owner) {
        super(kind + " " + address + " belongs to customer " + owner + ": merge the two customers to join them");
        this.owner = owner;
    }

    /** The external id of the customer who has it. */
    public String owner() {
        return owner;
    }
}
