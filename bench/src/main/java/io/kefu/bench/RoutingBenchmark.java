package io.kefu.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import io.kefu.config.KefuHome;
import io.kefu.customer.CustomerTier;
import io.kefu.routing.RoutingDecision;
import io.kefu.routing.RoutingRequest;
import io.kefu.routing.RoutingRules;
import io.kefu.ticket.Channel;
import io.kefu.ticket.Topic;

/**
 * P4: one routing decision through the app's Drools rule set (compiled once, a new stateless
 * session per decision, as {@code Task_RouteTicket} does) against the same decision in plain Java.
 * Inputs cycle through every tier × topic × channel so neither side sees one constant case.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class RoutingBenchmark {

    private RoutingRules rules;
    private RoutingRequest[] requests;
    private int next;

    @Setup
    public void compileRules() {
        rules = new RoutingRules(new KefuHome(System.getProperty("kefu.bench.home", ".")));
        List<RoutingRequest> all = new ArrayList<>();
        for (CustomerTier tier : CustomerTier.values()) {
            for (Topic topic : Topic.values()) {
                for (Channel channel : Channel.values()) {
                    all.add(new RoutingRequest(tier, topic, channel));
                }
            }
        }
        requests = all.toArray(RoutingRequest[]::new);
        for (RoutingRequest request : requests) {
            RoutingDecision drools = rules.decide(request);
            RoutingDecision java = PlainJavaRouting.decide(request);
            if (!drools.getQueue().equals(java.getQueue()) || drools.getPriority() != java.getPriority()) {
                throw new IllegalStateException("Plain Java routing disagrees with rules/routing.drl for " + request
                        + ": update PlainJavaRouting");
            }
        }
    }

    private RoutingRequest nextRequest() {
        RoutingRequest request = requests[next];
        next = next + 1 == requests.length ? 0 : next + 1;
        return request;
    }

    @Benchmark
    public RoutingDecision drools() {
        return rules.decide(nextRequest());
    }

    @Benchmark
    public RoutingDecision plainJava() {
        return PlainJavaRouting.decide(nextRequest());
    }
}
