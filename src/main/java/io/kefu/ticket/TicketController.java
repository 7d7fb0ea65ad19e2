package io.kefu.ticket;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** Reads tickets. */
@RestController
class TicketController {

    private final TicketService tickets;

    TicketController(TicketService tickets) {
        this.tickets = tickets;
    }

    @GetMapping("/api/tickets/{id}")
    TicketView get(@PathVariable long id) {
        return tickets.find(id).orElseThrow(() -> new TicketNotFoundException(id));
    }
}
