package io.kefu.chat;

import java.util.List;

import jakarta.servlet.DispatcherType;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;

import io.kefu.security.PageHeaders;

/**
 * The public door of the web chat, {@code /chat/**}: no login, no session, no CSRF (no cookie
 * authenticates anything here; the visitor token does, in a header or the STOMP CONNECT frame).
 * Open are the widget's script and style, the demo page, the visitors' WebSocket endpoint (origin
 * checked per channel key in the handshake) and the visitors' HTTP calls, with CORS for the
 * origins the channels allow (each call checks its own channel's list again). Anything else under
 * {@code /chat} is refused. Listed in docs/SECURITY.md's permission matrix.
 */
@Configuration(proxyBeanMethods = false)
class ChatSecurityConfig {

    @Bean
    @Order(0)
    SecurityFilterChain chatChain(HttpSecurity http, ChatChannels channels) throws Exception {
        return http.securityMatcher(path("/chat/**"))
                .authorizeHttpRequests(auth -> auth
                        .dispatcherTypeMatchers(DispatcherType.ERROR, DispatcherType.FORWARD).permitAll()
                        .requestMatchers(method(HttpMethod.GET, "/chat/widget.js"), method(HttpMethod.GET, "/chat/widget.css"),
                                method(HttpMethod.GET, "/chat/demo"), method(HttpMethod.GET, "/chat/ws"))
                        .permitAll()
                        .requestMatchers(method(HttpMethod.POST, "/chat/api/visitors"),
                                method(HttpMethod.DELETE, "/chat/api/visitors/current"),
                                method(HttpMethod.POST, "/chat/api/visitors/current/contact"),
                                method(HttpMethod.POST, "/chat/api/visitors/current/leave"),
                                method(HttpMethod.POST, "/chat/api/attachments"),
                                method(HttpMethod.GET, "/chat/api/attachments/*"))
                        .permitAll()
                        .anyRequest().denyAll())
                .cors(cors -> cors.configurationSource(corsSource(channels)))
                .csrf(csrf -> csrf.disable())
                .requestCache(cache -> cache.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                // The demo page gets the headers of every page: everything from Kefu, nothing inline.
                .headers(PageHeaders::apply)
                .build();
    }

    /** Preflights and answers of the visitors' HTTP calls, for every channel's allowed origins. */
    private static UrlBasedCorsConfigurationSource corsSource(ChatChannels channels) {
        CorsConfiguration cors = new CorsConfiguration();
        cors.setAllowedOriginPatterns(channels.all().stream().flatMap(c -> c.allowedOrigins().stream()).distinct().toList());
        cors.setAllowedMethods(List.of("GET", "POST", "DELETE"));
        cors.setAllowedHeaders(List.of("Content-Type", ChatApiController.VISITOR_TOKEN_HEADER));
        cors.setAllowCredentials(false);
        cors.setMaxAge(3600L);
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration("/chat/api/**", cors);
        return source;
    }

    private static RequestMatcher path(String pattern) {
        return PathPatternRequestMatcher.withDefaults().matcher(pattern);
    }

    private static RequestMatcher method(HttpMethod method, String pattern) {
        return PathPatternRequestMatcher.withDefaults().matcher(method, pattern);
    }
}
