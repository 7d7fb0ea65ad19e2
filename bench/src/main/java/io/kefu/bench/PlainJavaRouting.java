package io.kefu.bench;

import io.kefu.customer.CustomerTier;
import io.kefu.routing.RoutingDecision;
import io.kefu.routing.RoutingRequest;
import io.kefu.ticket.Channel;
import io.kefu.ticket.Priority;
import io.kefu.ticket.Topic;

/**
 * {@code rules/routing.drl} written as plain Java, for P4 only: the same conditions, the same
 * decision object and rule names, so the difference measured is the rule engine's own cost.
 * RoutingBenchmark checks it agrees with the rules on every input before measuring.
 */
final class PlainJavaRouting {

    private PlainJavaRouting() {
    }

    static RoutingDecision decide(RoutingRequest request) {
        RoutingDecision decision = new RoutingDecision();
        boolean vip = request.getTier() == CustomerTier.VIP;
        if (vip && request.getTopic() == Topic.TECHNICAL) {
            decision.routeTo("senior_tech_support", "VIP technical questions go to senior technical support");
        } else if (request.getTopic() == Topic.BILLING) {
            decision.routeTo("billing_team", "Billing questions go to the billing team");
        } else {
            decision.routeTo("general_support", "Everything else goes to general support");
        }
        if (vip) {
            decision.prioritise(Priority.HIGH, "VIP customers get high priority");
        } else if (request.getChannel() != Channel.EMAIL) {
            decision.prioritise(Priority.NORMAL, "Standard customers waiting live get normal priority");
        } else {
            decision.prioritise(Priority.LOW, "Standard customers writing e-mail get low priority");
        }
        return decision;
    }
}
