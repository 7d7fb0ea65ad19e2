package io.kefu.security.audit;

/** A filter or cursor of an audit query that cannot be read (400, naming the parameter). */
public class InvalidAuditQueryException extends RuntimeException {

    private final String parameter;

    InvalidAuditQueryException(String parameter, String problem) {
        super(parameter + " " + problem);
        this.parameter = parameter;
    }

    /** The query parameter at fault. */
    public String parameter() {
        return parameter;
    }
}
