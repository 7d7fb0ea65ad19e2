/**
 * Sync with back-office systems through a transactional outbox: every ticket state change, every
 * message of a ticket, every internal note and every customer change is written as an
 * {@code outbox_event} (its body described by {@code docs/events/kefu-events-v1.schema.json}) with
 * one {@code outbox_delivery} per enabled destination in the same transaction; the
 * {@link io.kefu.sync.OutboxRelay} hands due deliveries to the Camel routes in {@code integrations/}
 * and retries failures with back-off, behind a circuit breaker per destination
 * ({@link io.kefu.sync.DestinationBreakers}); a delivery failing too often or too long becomes a dead
 * letter ({@link io.kefu.sync.DeadLetters}) that admins replay or discard, through
 * {@code /api/sync/dead-letters} or the page {@code /sync/dead-letters}. Several nodes may relay one
 * database's outbox: claims with a lease keep their passes apart. Which destinations there are is
 * {@code integrations/destinations.yaml} ({@link io.kefu.sync.Destinations}): the CRM's signed webhook,
 * the ERP's drop folder and staging table, RabbitMQ, and Intercom's tickets API
 * ({@link io.kefu.sync.IntercomTickets}, mapped by {@code integrations/mappings/intercom.yaml}).
 */
package io.kefu.sync;
