package io.kefu.ticket;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One page of the ticket list.
 *
 * @param items      the tickets, in the query's order
 * @param nextCursor pass as {@code cursor} for the next page; null on the last page (always in the JSON)
 */
public record TicketPage(List<TicketView> items,
        @JsonInclude(JsonInclude.Include.ALWAYS) String nextCursor) {
}
