package io.kefu.sla;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.kefu.config.KefuHome;

/** Loads {@code rules/sla-policies.yaml} and the calendars once at start; a broken file stops the start with its reason. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({SlaProperties.class, EscalationProperties.class})
class SlaConfig {

    @Bean
    SlaPolicies slaPolicies(KefuHome home) {
        return SlaPolicies.load(home);
    }
}
