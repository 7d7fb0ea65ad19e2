package io.kefu.routing;

import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

/**
 * A rule set did not compile, broke the upload policy or failed its test cases; the running rules
 * stay in place. The message says exactly what failed (file and line, or each failing case).
 */
@ResponseStatus(HttpStatus.UNPROCESSABLE_ENTITY)
public class RuleSetInvalidException extends RuntimeException {

    private final List<String> failingCases;

    public RuleSetInvalidException(String message) {
        super(message);
        this.failingCases = List.of();
    }

    public RuleSetInvalidException(String message, Throwable cause) {
        super(message, cause);
        this.failingCases = List.of();
    }

    /** Refused because these cases failed (each "file line n facts: expected …"). */
    public RuleSetInvalidException(String message, List<String> failingCases) {
        super(message);
        this.failingCases = List.copyOf(failingCases);
    }

    /** The failing test cases; empty when the rule set was refused before the cases ran. */
    public List<String> failingCases() {
        return failingCases;
    }
}
