package io.kefu.ticket;

/**
 * The service-level agreement that holds the ticket.
 *
 * @param policy the SLA policy routing chose (its name in {@code rules/}), null before routing
 */
public record TicketSla(String policy) {
}
