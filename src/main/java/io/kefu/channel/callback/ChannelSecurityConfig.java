package io.kefu.channel.callback;

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
 * signs each request; its controller checks it). Only the callbacks themselves are open: the
 * WeChat Official Account's ({@code /channels/wechat}) and WeCom's ({@code /channels/wecom}), GET
 * and POST, and DingTalk's ({@code POST /channels/dingtalk}); anything else under
 * {@code /channels/} is refused.
 */
@Configuration(proxyBeanMethods = false)
class ChannelSecurityConfig {

    /** The callback paths Tencent's platforms call with GET (URL verification) and POST. */
    static final String[] TENCENT_CALLBACKS = {"/channels/wechat", "/channels/wecom"};
    /** DingTalk's callback path: POST only (robot messages and event subscriptions alike). */
    static final String DINGTALK_CALLBACK = "/channels/dingtalk";

    @Bean
    @Order(0)
    SecurityFilterChain channelCallbackChain(HttpSecurity http) throws Exception {
        PathPatternRequestMatcher.Builder paths = PathPatternRequestMatcher.withDefaults();
        return http.securityMatcher(paths.matcher("/channels/**"))
                .authorizeHttpRequests(auth -> {
                    auth.dispatcherTypeMatchers(DispatcherType.ERROR, DispatcherType.FORWARD).permitAll();
                    for (String path : TENCENT_CALLBACKS) {
                        auth.requestMatchers(paths.matcher(HttpMethod.GET, path), paths.matcher(HttpMethod.POST, path))
                                .permitAll();
                    }
                    auth.requestMatchers(paths.matcher(HttpMethod.POST, DINGTALK_CALLBACK)).permitAll();
                    auth.anyRequest().denyAll();
                })
                .csrf(csrf -> csrf.disable())
                .requestCache(cache -> cache.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .build();
    }
}
