package io.kefu.lifecycle;

import java.util.Set;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

import io.kefu.routing.EscalationRequest;
import io.kefu.routing.RoutingDecision;
import io.kefu.routing.RoutingRequest;
import io.kefu.routing.TicketRouting;
import io.kefu.sla.SlaClocks;
import io.kefu.ticket.Classification;
import io.kefu.ticket.Placement;
import io.kefu.ticket.Topic;
import io.kefu.ticket.TicketService;
import io.kefu.ticket.TicketView;

/**
 * Implements {@code Task_RouteTicket}: asks the routing rules for queue, priority, required skills
 * and SLA policy (stored on the ticket with the names of the rules that fired), given the
 * customer's tier, the ticket's topic and channel, and triage's intents and sentiment; the facts
 * and the outcome are recorded for replays of candidate rules. The SLA clocks start with the
 * routing; {@code escalationDue} is the first-response due time, or now when
 * {@code rules/escalation.drl} escalates at once.
 */
@Component("routeTicketDelegate")
class RouteTicketDelegate implements JavaDelegate {

    private final TicketService tickets;
    private final TicketRouting routing;
    private final SlaClocks sla;

    RouteTicketDelegate(TicketService tickets, TicketRouting routing, SlaClocks sla) {
        this.tickets = tickets;
        this.routing = routing;
        this.sla = sla;
    }

    @Override
    public void execute(DelegateExecution execution) {
        long ticketId = TicketVariables.ticketId(execution);
        TicketView routed = tickets.route(ticketId, ticket -> decide(ticketId, ticket), sla::termsFor);
        execution.setVariable(TicketLifecycleProcess.VAR_QUEUE, routed.queue());
        execution.setVariable(TicketLifecycleProcess.VAR_PRIORITY, routed.priority().name());
        Classification triage = routed.classification();
        boolean atOnce = routing.escalation(new EscalationRequest(routed.customerTier(),
                triage == null ? Set.of() : Set.copyOf(triage.intents()),
                triage == null ? 0 : triage.sentimentScore())).isAtOnce();
        execution.setVariable(TicketLifecycleProcess.VAR_ESCALATE_AT_ONCE, atOnce);
        execution.setVariable(TicketLifecycleProcess.VAR_ESCALATION_DUE,
                atOnce ? ClockUtil.getCurrentTime() : java.util.Date.from(routed.sla().firstResponseDue()));
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
