package io.kefu.security.throttle;

/**
 * Published once per episode when failed sign-ins empty a bucket: from the failure that takes its
 * last token until it has filled up completely again. The security module writes it to the audit
 * log as {@code login.throttled}.
 *
 * @param target  what is throttled: {@code user:<name>}, {@code address:<address>} or
 *                {@code user:<name>@<address>} (a trusted pair)
 * @param address the client address of the failure that emptied it
 * @param detail  a sentence for the audit log
 */
public record LoginThrottled(String target, String address, String detail) {
}
