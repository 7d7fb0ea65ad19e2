/**
 * Sync with back-office systems through a transactional outbox: every ticket state change is
 * written as an {@code outbox_event} with one {@code outbox_delivery} per enabled destination in
 * the same transaction; the {@link io.kefu.sync.OutboxRelay} hands due deliveries to the Camel
 * routes in {@code integrations/} and retries failures with back-off, behind a circuit breaker per
 * destination ({@link io.kefu.sync.DestinationBreakers}); a delivery failing too often or too long
 * becomes a dead letter ({@link io.kefu.sync.DeadLetters}) that admins replay or discard, through
 * {@code /api/sync/dead-letters} or the page {@code /sync/dead-letters}. Several nodes may relay one
 * database's outbox: claims with a lease keep their passes apart.
 */
package io.kefu.sync;
