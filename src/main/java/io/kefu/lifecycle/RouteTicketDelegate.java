package io.kefu.lifecycle;

import java.util.Set;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import io.kefu.routing.RoutingDecision;
import io.kefu.routing.RoutingRequest;
import io.kefu.routing.TicketRouting;
import io.kefu.ticket.Classification;
import io.kefu.ticket.Placement;
import io.kefu.ticket.Topic;
import io.kefu.ticket.TicketService;
import io.kefu.ticket.TicketView;

/**
 * Implements {@code Task_RouteTicket}: asks the routing rules for queue, priority, required skills
 * and SLA policy (stored on the ticket with the names of the rules that fired), given the
 * customer's tier, the ticket's topic and channel, and triage's intents and sentiment; the facts
 * and the outcome are recorded for replays of candidate rules.
 */
@Component("routeTicketDelegate")
class RouteTicketDelegate implements JavaDelegate {

    private final TicketService tickets;
    private final TicketRouting routing;

    RouteTicketDelegate(TicketService tickets, TicketRouting routing) {
        this.tickets = tickets;
        this.routing = routing;
    }

    @Override
    public void execute(DelegateExecution execution) {
        long ticketId = TicketVariables.ticketId(execution);
        TicketView routed = tickets.route(ticketId, ticket -> decide(ticketId, ticket));
        execution.setVariable(TicketLifecycleProcess.VAR_QUEUE, routed.queue());
        execution.setVariable(TicketLifecycleProcess.VAR_PRIORITY, routed.priority().name());
    }

    private Placement decide(long ticketId, TicketView ticket) {
        Topic topic = ticket.topic() == null ? Topic.GENERAL : ticket.topic();
        Classification triage = ticket.classification();
        RoutingRequest request = triage == null
                ? new RoutingRequest(ticket.customerTier(), topic, ticket.channel())
                : new RoutingRequest(ticket.customerTier(), topic, ticket.channel(),
                        Set.copyOf(triage.intents()), triage.sentimentScore());
        RoutingDecision decision = routing.decideFor(ticketId, request);
        return new Placement(decision.getQueue(), decision.getPriority(), decision.getRequiredSkills(),
                decision.getSlaPolicy(), decision.getFiredRules(), decision.getExplanation());
    }
}
