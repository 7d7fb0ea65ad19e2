package io.kefu.agent;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code kefu.agent.*}: how presence follows the agents' live workspace connections.
 *
 * @param offlineGrace how long after an agent's last live workspace connection (on a node) closed
 *                     they are set OFFLINE, unless a connection of theirs opened again meanwhile (a
 *                     reload, a dropped network); zero means at once
 */
@ConfigurationProperties("kefu.agent")
public record AgentProperties(@DefaultValue("PT10S") Duration offlineGrace) {

    public AgentProperties {
        if (offlineGrace == null || offlineGrace.isNegative()) {
            throw new IllegalArgumentException("kefu.agent.offline-grace must be zero or a positive duration");
        }
    }
}
