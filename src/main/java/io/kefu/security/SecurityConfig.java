package io.kefu.security;

import jakarta.servlet.DispatcherType;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.config.annotation.authentication.builders.AuthenticationManagerBuilder;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.HttpStatusEntryPoint;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;

import io.kefu.security.throttle.ThrottledLogins;

/**
 * Three filter chains. {@code /api/**} and {@code /engine-rest/**}: stateless HTTP Basic, no
 * CSRF (no cookies authenticate them), 401 without a login redirect. {@code /camunda/**}: the
 * Camunda webapps check their own login and CSRF token. Everything else (pages): form login with
 * CSRF. Nothing is reachable without a login except the login page, static assets and errors.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfig {

    /** Who may write, publish and delete knowledge-base articles. */
    static final String[] KNOWLEDGE_EDITORS = {"SUPERVISOR", "DESIGNER", "ADMIN"};

    @Bean
    @Order(1)
    SecurityFilterChain apiChain(HttpSecurity http, CamundaIdentityAuthenticationProvider provider,
            ThrottledLogins throttledLogins) throws Exception {
        checkPasswordsOnce(http);
        // Path matchers on the whole path: /engine-rest is served by Jersey, not by Spring MVC's
        // dispatcher, so MVC-relative matching would let it through unmatched.
        return http.securityMatcher(new OrRequestMatcher(path("/api/**"), path("/engine-rest/**"), path("/v3/api-docs"),
                        path("/v3/api-docs/**")))
                .authenticationProvider(provider)
                .authorizeHttpRequests(auth -> auth
                        .dispatcherTypeMatchers(DispatcherType.ERROR, DispatcherType.FORWARD).permitAll()
                        // Replacing the triage model is a process designer's (or admin's) decision.
                        .requestMatchers(PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST,
                                "/api/triage/models")).hasAnyRole("DESIGNER", "ADMIN")
                        // Everyone signed in reads the knowledge base; editors change it.
                        .requestMatchers(method(HttpMethod.POST, "/api/knowledge/**"),
                                method(HttpMethod.PUT, "/api/knowledge/**"),
                                method(HttpMethod.DELETE, "/api/knowledge/**")).hasAnyRole(KNOWLEDGE_EDITORS)
                        .anyRequest().authenticated())
                // A throttled sign-in (too many failures) gets 429 with Retry-After, a wrong password 401.
                .httpBasic(basic -> basic.authenticationEntryPoint(throttledLogins.basicEntryPoint()))
                .csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .exceptionHandling(e -> e.authenticationEntryPoint(new HttpStatusEntryPoint(HttpStatus.UNAUTHORIZED)))
                .build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain camundaWebappChain(HttpSecurity http) throws Exception {
        // The Camunda webapps authenticate against the same identity service with their own login
        // page and protect themselves with their own CSRF filter (XSRF-TOKEN cookie).
        return http.securityMatcher(path("/camunda/**"))
                .authorizeHttpRequests(auth -> auth.anyRequest().permitAll())
                .csrf(csrf -> csrf.disable())
                .headers(h -> h.frameOptions(f -> f.sameOrigin()))
                .build();
    }

    @Bean
    @Order(3)
    SecurityFilterChain pageChain(HttpSecurity http, CamundaIdentityAuthenticationProvider provider,
            ThrottledLogins throttledLogins) throws Exception {
        checkPasswordsOnce(http);
        return http
                .authenticationProvider(provider)
                .authorizeHttpRequests(auth -> auth
                        .dispatcherTypeMatchers(DispatcherType.ERROR, DispatcherType.FORWARD).permitAll()
                        .requestMatchers(path("/knowledge/articles/new"), path("/knowledge/articles/*/edit"),
                                path("/knowledge/preview"), method(HttpMethod.POST, "/knowledge/articles"),
                                method(HttpMethod.POST, "/knowledge/articles/**")).hasAnyRole(KNOWLEDGE_EDITORS)
                        .requestMatchers(path("/login"), path("/error"), path("/css/**"), path("/js/**"), path("/img/**"),
                                path("/favicon.ico"), path("/actuator/health"))
                        .permitAll()
                        .anyRequest().authenticated())
                .formLogin(form -> form.loginPage("/login").defaultSuccessUrl("/workspace", false)
                        .failureHandler(throttledLogins.formLoginFailureHandler("/login")).permitAll())
                .logout(logout -> logout.logoutSuccessUrl("/login?logout"))
                .build();
    }

    /**
     * Spring Security observes every filter of every request by default (a Micrometer observation
     * around each of the chain's ~15 filters): 7 % of the request threads' CPU samples in the
     * benchmark's flight recording (bench/RESULTS.md, change 12). Authentications stay observed —
     * the {@code spring.security.authentications} timer counts failed logins —, per-filter and
     * per-authorization observations are off. HTTP requests are still observed as a whole
     * ({@code http.server.requests}).
     */
    @Bean
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.withDefaults()
                .shouldObserveRequests(false)
                .shouldObserveAuthorizations(false)
                .shouldObserveAuthentications(true)
                .build();
    }

    @Bean
    AuthenticationCache authenticationCache(SecurityProperties properties) {
        return new AuthenticationCache(properties.authCacheTtl());
    }

    /**
     * Without this, a chain's authentication manager hands a failed sign-in on to the global one,
     * which holds the same provider (the only AuthenticationProvider bean) and checks the password
     * a second time: each wrong password then counted twice against the login throttle (and, before
     * it, against Camunda's lockout). The chain's own provider is the only one that should answer.
     */
    private static void checkPasswordsOnce(HttpSecurity http) {
        http.getSharedObject(AuthenticationManagerBuilder.class).parentAuthenticationManager(null);
    }

    private static RequestMatcher path(String pattern) {
        return PathPatternRequestMatcher.withDefaults().matcher(pattern);
    }

    private static RequestMatcher method(HttpMethod method, String pattern) {
        return PathPatternRequestMatcher.withDefaults().matcher(method, pattern);
    }
}
