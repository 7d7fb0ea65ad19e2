package io.kefu.ticket;

import java.time.Instant;

/**
 * A ticket was opened for a conversation (status {@code NEW}); published by {@link TicketService#open}
 * once the ticket has its id. The lifecycle starts the ticket's process on it.
 *
 * @param ticket     the ticket right after the change
 * @param occurredAt when it happened
 */
public record TicketOpened(TicketView ticket, Instant occurredAt) implements TicketChanged {
}
