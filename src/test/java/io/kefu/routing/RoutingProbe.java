package io.kefu.routing;

import java.nio.file.Path;

import org.springframework.boot.test.context.TestComponent;
import org.springframework.context.annotation.Import;

import io.kefu.customer.CustomerTier;
import io.kefu.ticket.Channel;
import io.kefu.ticket.Topic;

/**
 * What a test outside this package needs of the running rules: the live version, a reload from
 * {@code rules/}, and the queue a request is routed to. A test imports it with {@link Import}.
 */
@TestComponent
public class RoutingProbe {

    private final RuleDeployment deployment;
    private final TicketRouting routing;

    RoutingProbe(RuleDeployment deployment, TicketRouting routing) {
        this.deployment = deployment;
        this.routing = routing;
    }

    /** A fresh {@code kefu.home} holding a copy of the repository's {@code rules/}. */
    public static Path copyOfTheRules(String name) {
        return RuleDeploymentScenarios.home(name);
    }

    public long liveVersion() {
        return deployment.liveVersion();
    }

    public long reload() {
        return deployment.reload("test");
    }

    public String queueFor(CustomerTier tier, Topic topic, Channel channel) {
        return routing.decide(new RoutingRequest(tier, topic, channel)).getQueue();
    }
}
