package io.kefu.sla;

import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import io.kefu.ticket.TicketAccess;
import io.kefu.ticket.TicketService;

/** The escalation notifications of a ticket, for whoever may read the ticket (404 otherwise, as for a missing one). */
@RestController
class EscalationController {

    private final TicketService tickets;
    private final Escalations escalations;

    EscalationController(TicketService tickets, Escalations escalations) {
        this.tickets = tickets;
        this.escalations = escalations;
    }

    /** Every level the ticket reached, oldest first: level, its name, the group told, why, when. */
    @GetMapping("/api/tickets/{id}/escalations")
    List<TicketEscalationRaised> escalations(@PathVariable long id, TicketAccess access) {
        tickets.get(id, access);
        return escalations.notifications(id);
    }
}
