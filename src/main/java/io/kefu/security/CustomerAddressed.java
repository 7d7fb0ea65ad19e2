package io.kefu.security;

/**
 * A request body sent on behalf of one customer, such as a customer's message. Bodies of this type
 * are rate-limited per customer and per principal once they are read, before the controller stores
 * anything ({@code kefu.security.rate-limits.messages-per-*}).
 */
public interface CustomerAddressed {

    /** The customer the request is for, as the client sent it; may be null or blank (then validation refuses it). */
    String customerExternalId();
}
