package io.kefu.sla;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code kefu.escalation.*}: the escalation ladder above the queue's agents. The first level is
 * reached when the first-response target passes without a reply (or at once when
 * {@code rules/escalation.drl} says so); each further level {@code after} the one before, in
 * business time of the ticket's calendar, while still no agent has replied.
 *
 * @param levels the ladder, lowest first
 */
@ConfigurationProperties("kefu.escalation")
public record EscalationProperties(@DefaultValue({}) List<Level> levels) {

    public EscalationProperties {
        levels = levels == null || levels.isEmpty()
                ? List.of(new Level("team-lead", "supervisors", Duration.ZERO),
                        new Level("duty-manager", "duty_managers", Duration.ofMinutes(30)))
                : List.copyOf(levels);
    }

    /**
     * One rung.
     *
     * @param name  shown in notifications and logs, e.g. {@code team-lead}
     * @param group the Camunda group told and given the ticket's task (a candidate group)
     * @param after business time after the level below (ignored for the first level)
     */
    public record Level(String name, String group, @DefaultValue("PT30M") Duration after) {
    }
}
