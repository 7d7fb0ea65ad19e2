package io.kefu.sla;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import io.kefu.ticket.TicketService;

/**
 * Records SLA warnings and breaches as they fall due: each pass takes the open tickets whose
 * earliest pending warning or breach is due (one indexed query on {@code ticket.sla_check_at})
 * and checks each in its own transaction. Nodes may run it together: a ticket another node
 * changed meanwhile is left for the next pass.
 */
@Component
class SlaWatch {

    private static final Logger log = LoggerFactory.getLogger(SlaWatch.class);

    private final TicketService tickets;
    private final SlaProperties.Watch settings;

    SlaWatch(TicketService tickets, SlaProperties properties) {
        this.tickets = tickets;
        this.settings = properties.watch();
    }

    @Scheduled(fixedDelayString = "${kefu.sla.watch.interval:PT10S}")
    void scheduledPass() {
        if (settings.enabled()) {
            pass();
        }
    }

    /** One pass; returns how many tickets were checked. */
    int pass() {
        int checked = 0;
        for (long ticketId : tickets.slaChecksDue(settings.batchSize())) {
            try {
                tickets.checkSla(ticketId);
                checked++;
            } catch (OptimisticLockingFailureException concurrent) {
                log.debug("Ticket {} changed while its SLA was checked; next pass", ticketId);
            }
        }
        return checked;
    }
}
