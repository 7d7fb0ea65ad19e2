/**
 * Sync with back-office systems through a transactional outbox: every ticket state change is
 * written as an {@code outbox_event} with one {@code outbox_delivery} per enabled destination in
 * the same transaction; the {@link io.kefu.sync.OutboxRelay} hands due deliveries to the Camel
 * routes in {@code integrations/} and retries failures with back-off, behind a circuit breaker per
 * destination ({@link io.kefu.sync.DestinationBreakers}); a delivery failing too often or too long
 * becomes a dead letter ({@link io.kefu.sync.DeadLetters}) that admins replay or discard. The
 * destinations: the CRM's signed webhook, the ERP's drop folder, RabbitMQ, and Intercom's tickets
 * API ({@link io.kefu.sync.IntercomTickets}, mapped by {@code integrations/mappings/intercom.yaml}).
 */
package io.kefu.sync;
