package io.kefu.ticket;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** Reads tickets; each read is scoped by the caller's {@link TicketAccess}. */
@RestController
class TicketController {

    private final TicketService tickets;

    TicketController(TicketService tickets) {
        this.tickets = tickets;
    }

    /**
     * The ticket list and search, scoped by the caller's {@link TicketAccess}: filters, a saved
     * {@code view}, {@code sort}, {@code cursor} and {@code limit} as {@link TicketQuery} reads them;
     * <code>{items, nextCursor}</code>. With {@code updatedSince} (and no sort) it is the "changed since"
     * feed, oldest change first in the stable order {@code (updated_at, id)}. 400 names a bad parameter.
     */
    @GetMapping("/api/tickets")
    TicketPage list(@RequestParam Map<String, String> params, TicketAccess access) {
        return tickets.list(TicketQuery.parse(params), access);
    }

    @ExceptionHandler(InvalidTicketQueryException.class)
    ProblemDetail invalid(InvalidTicketQueryException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
        problem.setTitle(HttpStatus.BAD_REQUEST.getReasonPhrase());
        problem.setProperty("field", e.field());
        return problem;
    }

    /** Deflection figures of the bot's knowledge-base answers; {@code days} from 1 to 366. */
    @GetMapping("/api/tickets/self-service")
    SelfServiceView selfService(@RequestParam(defaultValue = "7") int days) {
        if (days < 1 || days > 366) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "days must be between 1 and 366");
        }
        return SelfServiceView.of(tickets.selfServiceStats(days));
    }

    /** {@link SelfServiceStats} with its rates, as the API shows it. */
    record SelfServiceView(java.time.Instant since, long tickets, long botAnswered, long resolvedByBot,
            long awaitingCustomer, long handedToAgent, double deflectionRate, double acceptanceRate) {
        static SelfServiceView of(SelfServiceStats s) {
            return new SelfServiceView(s.since(), s.tickets(), s.botAnswered(), s.resolvedByBot(),
                    s.awaitingCustomer(), s.handedToAgent(), s.deflectionRate(), s.acceptanceRate());
        }
    }

    /**
     * The ticket, if the caller's {@link TicketAccess} reaches it; 404 otherwise, as for a missing one.
     * While it waits for an agent, also its {@code queuePosition} and {@code estimatedWaitSeconds}.
     */
    @GetMapping("/api/tickets/{id}")
    TicketDetails get(@PathVariable long id, TicketAccess access) {
        TicketView ticket = tickets.get(id, access);
        QueuePlace place = tickets.queuePlace(id).orElse(null);
        return new TicketDetails(ticket, place == null ? null : place.position(),
                place == null ? null : place.estimatedWaitSeconds());
    }

    /** The ticket's fields, flat, plus its place in the queue while it waits (absent otherwise). */
    record TicketDetails(@JsonUnwrapped TicketView ticket, Integer queuePosition, Long estimatedWaitSeconds) {
    }
}
