package io.kefu.lifecycle;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import io.kefu.customer.CustomerService;
import io.kefu.routing.RoutingDecision;
import io.kefu.routing.RoutingRequest;
import io.kefu.routing.TicketRouting;
import io.kefu.ticket.Placement;
import io.kefu.ticket.Topic;
import io.kefu.ticket.TicketService;
import io.kefu.ticket.TicketView;

/** Implements {@code Task_RouteTicket}: asks the routing rules for queue and priority. */
@Component("routeTicketDelegate")
class RouteTicketDelegate implements JavaDelegate {

    private final TicketService tickets;
    private final CustomerService customers;
    private final TicketRouting routing;

    RouteTicketDelegate(TicketService tickets, CustomerService customers, TicketRouting routing) {
        this.tickets = tickets;
        this.customers = customers;
        this.routing = routing;
    }

    @Override
    public void execute(DelegateExecution execution) {
        TicketView routed = tickets.route(TicketVariables.ticketId(execution), this::decide);
        execution.setVariable(TicketLifecycleProcess.VAR_QUEUE, routed.queue());
        execution.setVariable(TicketLifecycleProcess.VAR_PRIORITY, routed.priority().name());
    }

    private Placement decide(TicketView ticket) {
        Topic topic = ticket.topic() == null ? Topic.GENERAL : ticket.topic();
        RoutingDecision decision = routing.decide(
                new RoutingRequest(customers.get(ticket.customerId()).tier(), topic, ticket.channel()));
        return new Placement(decision.getQueue(), decision.getPriority());
    }
}
