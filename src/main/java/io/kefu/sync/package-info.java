/**
 * Sync with back-office systems through a transactional outbox: every ticket state change is
 * written as an {@code outbox_event} with one {@code outbox_delivery} per enabled destination in
 * the same transaction; the {@link io.kefu.sync.OutboxRelay} hands due deliveries to the Camel
 * routes in {@code integrations/} and retries failures with back-off until they succeed.
 */
package io.kefu.sync;
