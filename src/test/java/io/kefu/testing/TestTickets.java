package io.kefu.testing;

import java.time.Duration;

import org.springframework.context.ApplicationContext;

import io.kefu.customer.CustomerService;
import io.kefu.customer.CustomerTier;
import io.kefu.intake.InboundMessage;
import io.kefu.intake.IntakeService;
import io.kefu.ticket.Channel;
import io.kefu.ticket.TicketService;
import io.kefu.ticket.TicketStatus;
import io.kefu.ticket.Topic;

import static org.awaitility.Awaitility.await;

/**
 * Tickets as the application's tests need them: opened the way a customer opens one (a message
 * through intake), then waited for until triage and routing have queued them. Taken from the test's
 * application context, so no test configuration (and no cached context) changes for it.
 */
public final class TestTickets {

    private final CustomerService customers;
    private final IntakeService intake;
    private final TicketService tickets;

    private TestTickets(CustomerService customers, IntakeService intake, TicketService tickets) {
        this.customers = customers;
        this.intake = intake;
        this.tickets = tickets;
    }

    /** The helper on the services of this application context. */
    public static TestTickets in(ApplicationContext context) {
        return new TestTickets(context.getBean(CustomerService.class), context.getBean(IntakeService.class),
                context.getBean(TicketService.class));
    }

    /**
     * A web message from the customer (registered as a {@code STANDARD} customer named as its id
     * unless known) and the id of its ticket once it is {@code QUEUED}.
     *
     * @param topic the channel's explicit topic, or null to let triage decide
     */
    public long queued(String customerExternalId, String text, Topic topic) {
        if (customers.findByExternalId(customerExternalId).isEmpty()) {
            customers.register(customerExternalId, customerExternalId, CustomerTier.STANDARD);
        }
        long ticketId = intake.receive(new InboundMessage(Channel.WEB, customerExternalId, text, topic)).ticketId();
        await().atMost(Duration.ofSeconds(30)).until(() -> tickets.get(ticketId).status() == TicketStatus.QUEUED);
        return ticketId;
    }
}
