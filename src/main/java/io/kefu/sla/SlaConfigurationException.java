package io.kefu.sla;

/** {@code rules/sla-policies.yaml} or a calendar under {@code rules/calendars/} cannot be used; says where and why. */
public class SlaConfigurationException extends RuntimeException {

    public SlaConfigurationException(String message) {
        super(message);
    }

    public SlaConfigurationException(String message, Throwable cause) {
        super(message, cause);
    }
}
