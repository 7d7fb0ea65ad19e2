package io.kefu.ticket;

import java.time.Instant;

/**
 * The customer, still waiting for an agent, got the bot's soothing message
 * ({@code Task_SootheCustomer}, {@code kefu.lifecycle.soothe.after} into the wait); published by
 * {@code Ticket.sootheCustomer}. The ticket's status does not change: it keeps waiting in its queue.
 *
 * @param ticket     the ticket right after the change
 * @param variant    the configured text variant that was sent ({@code kefu.lifecycle.soothe.variant}),
 *                   so an experiment can compare variants
 * @param messageId  the outbound message that carries the text (in the ticket's transcript)
 * @param occurredAt when it happened
 */
public record TicketCustomerSoothed(TicketView ticket, String variant, long messageId, Instant occurredAt)
        implements TicketChanged {
}
