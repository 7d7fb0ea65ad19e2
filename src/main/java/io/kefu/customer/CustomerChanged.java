package io.kefu.customer;

import java.time.Instant;

/**
 * A customer's profile changed: registered (from nothing), a new tier (a CRM's decision through the
 * inbound webhook), or a new name or e-mail address (the web chat's pre-chat form). Published by
 * {@link CustomerService} in the transaction that wrote the row, after the write; a call that
 * leaves every field as it was publishes nothing.
 *
 * @param customer   the customer right after the change
 * @param occurredAt when it changed
 */
public record CustomerChanged(Customer customer, Instant occurredAt) {
}
