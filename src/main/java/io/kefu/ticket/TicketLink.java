package io.kefu.ticket;

import java.time.Instant;

/**
 * A ticket linked to another as related (the same order, the same outage): seen from one of the
 * two, {@code ticket} is the other one as it is now.
 */
public record TicketLink(TicketView ticket, String linkedBy, Instant linkedAt) {
}
