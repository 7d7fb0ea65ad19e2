package io.kefu.agent;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

/** A profile or presence request with a bad field (400); nothing is stored. */
@ResponseStatus(HttpStatus.BAD_REQUEST)
public class InvalidAgentProfileException extends RuntimeException {

    private final String field;

    public InvalidAgentProfileException(String field, String message) {
        super("Field '" + field + "' " + message);
        this.field = field;
    }

    /** The offending field, dotted for nested ones ({@code capacity.chat}, {@code workingHours.periods[0].from}). */
    public String field() {
        return field;
    }
}
