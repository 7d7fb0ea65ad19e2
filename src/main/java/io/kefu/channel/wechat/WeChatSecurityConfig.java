package io.kefu.channel.wechat;

import jakarta.servlet.DispatcherType;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;

/**
 * The platforms' callback doors, {@code /channels/**}: no login, no session, no CSRF (the platform
 * signs each request; the controller checks it). Only the callbacks themselves are open.
 */
@Configuration(proxyBeanMethods = false)
class WeChatSecurityConfig {

    @Bean
    @Order(0)
    SecurityFilterChain channelCallbackChain(HttpSecurity http) throws Exception {
        PathPatternRequestMatcher.Builder paths = PathPatternRequestMatcher.withDefaults();
        return http.securityMatcher(paths.matcher("/channels/**"))
                .authorizeHttpRequests(auth -> auth
                        .dispatcherTypeMatchers(DispatcherType.ERROR, DispatcherType.FORWARD).permitAll()
                        .requestMatchers(paths.matcher(HttpMethod.GET, WeChatCallbackController.PATH),
                                paths.matcher(HttpMethod.POST, WeChatCallbackController.PATH)).permitAll()
                        .anyRequest().denyAll())
                .csrf(csrf -> csrf.disable())
                .requestCache(cache -> cache.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .build();
    }
}
