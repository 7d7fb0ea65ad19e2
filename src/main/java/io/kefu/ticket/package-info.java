/**
 * Tickets: the {@link io.kefu.ticket.Ticket} aggregate, its status and priority, the repository
 * and {@link io.kefu.ticket.TicketService}. Every state change publishes one record for its fact
 * ({@link io.kefu.ticket.TicketOpened}, {@link io.kefu.ticket.TicketRouted}, …, all
 * {@link io.kefu.ticket.TicketChanged}) inside the caller's transaction, so listeners (the outbox,
 * the lifecycle) commit or roll back with the change itself. Reads for a caller are scoped by
 * {@link io.kefu.ticket.TicketAccess}: a ticket out of reach reads as missing.
 */
package io.kefu.ticket;
