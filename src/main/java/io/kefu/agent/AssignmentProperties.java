package io.kefu.agent;

import java.time.Duration;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code kefu.assignment.*}: how waiting tickets are pushed to agents.
 *
 * @param strategy        every queue's strategy unless {@code queueStrategies} names it
 * @param queueStrategies per-queue override, e.g. {@code billing_team: round-robin}
 * @param skillsTimeout   how long a ticket waits for an agent with its skills and language before
 *                        any agent of the queue will do ({@code BoundaryEvent_SkillsTimeout})
 * @param defaultCapacity capacity of an agent without a profile, and of a new profile
 * @param sweepInterval   how often each node checks that no ticket waits beside an agent with room
 *                        (a safety net: assignment normally follows every change at once)
 */
@ConfigurationProperties("kefu.assignment")
public record AssignmentProperties(
        @DefaultValue("LEAST_LOADED") AssignmentStrategy strategy,
        Map<String, AssignmentStrategy> queueStrategies,
        @DefaultValue("PT2M") Duration skillsTimeout,
        @DefaultValue Capacity defaultCapacity,
        @DefaultValue("PT30S") Duration sweepInterval) {

    public AssignmentProperties {
        queueStrategies = queueStrategies == null ? Map.of() : Map.copyOf(queueStrategies);
        if (skillsTimeout.isNegative()) {
            throw new IllegalArgumentException("kefu.assignment.skills-timeout must not be negative");
        }
    }

    /** The strategy of this queue. */
    public AssignmentStrategy strategyOf(String queue) {
        return queueStrategies.getOrDefault(queue, strategy);
    }

    /**
     * @param chat  live conversations at once
     * @param email e-mail tickets at once
     */
    public record Capacity(@DefaultValue("3") int chat, @DefaultValue("5") int email) {
    }
}
