package io.kefu.routing;

/** A rule set did not compile or failed its test cases; the running rules stay in place. */
public class RuleSetInvalidException extends RuntimeException {

    public RuleSetInvalidException(String message) {
        super(message);
    }

    public RuleSetInvalidException(String message, Throwable cause) {
        super(message, cause);
    }
}
