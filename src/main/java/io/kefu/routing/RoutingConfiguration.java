package io.kefu.routing;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.kefu.config.KefuHome;

/** The live rule set, compiled from {@code rules/} once at start and shared by every decision. */
@Configuration
@EnableConfigurationProperties(RulesProperties.class)
class RoutingConfiguration {

    @Bean
    RoutingRules routingRules(KefuHome home) {
        return new RoutingRules(home);
    }
}
