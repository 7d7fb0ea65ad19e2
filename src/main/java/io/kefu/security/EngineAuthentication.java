package io.kefu.security;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.rest.security.auth.AuthenticationResult;
import org.camunda.bpm.engine.rest.security.auth.impl.ContainerBasedAuthenticationProvider;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.webapp.impl.security.auth.ContainerBasedAuthenticationFilter;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Hands the caller Spring Security authenticated to the engine, so Camunda's own authorization
 * checks ({@link CamundaAuthorizations}) apply: on {@code /engine-rest/**} for the length of each
 * request, and to the Camunda webapps (one login for Kefu's pages and Cockpit, Tasklist and Admin).
 * A user acts with their groups; an API token acts as {@code token:<name>}, in the external-task
 * workers' group when it holds that scope.
 */
@Configuration(proxyBeanMethods = false)
class EngineAuthentication {

    /** Runs after Spring Security's filter chain. */
    private static final int AFTER_SPRING_SECURITY = 10;

    @Bean
    FilterRegistrationBean<EngineRestAuthenticationFilter> engineRestAuthenticationFilter(IdentityService identity) {
        FilterRegistrationBean<EngineRestAuthenticationFilter> registration =
                new FilterRegistrationBean<>(new EngineRestAuthenticationFilter(identity));
        registration.addUrlPatterns("/engine-rest/*");
        registration.setOrder(AFTER_SPRING_SECURITY);
        return registration;
    }

    @Bean
    FilterRegistrationBean<ContainerBasedAuthenticationFilter> camundaWebappAuthenticationFilter() {
        FilterRegistrationBean<ContainerBasedAuthenticationFilter> registration =
                new FilterRegistrationBean<>(new ContainerBasedAuthenticationFilter());
        registration.addInitParameter("authentication-provider", SpringSecurityWebappAuthentication.class.getName());
        registration.addUrlPatterns("/camunda/app/*", "/camunda/api/*");
        registration.setOrder(AFTER_SPRING_SECURITY);
        return registration;
    }

    /** The user id and Camunda groups of a Spring Security authentication. */
    static List<String> groupsOf(Authentication authentication) {
        List<String> groups = new ArrayList<>();
        for (GrantedAuthority authority : authentication.getAuthorities()) {
            String name = authority.getAuthority();
            if (name.startsWith(KefuGroups.GROUP_AUTHORITY_PREFIX)) {
                groups.add(name.substring(KefuGroups.GROUP_AUTHORITY_PREFIX.length()));
            } else if (name.equals("SCOPE_external-task")) {
                groups.add(CamundaAuthorizations.EXTERNAL_TASK_WORKERS);
            }
        }
        return groups;
    }

    /** Sets the engine's current authentication for one {@code /engine-rest} request and clears it after. */
    static final class EngineRestAuthenticationFilter extends OncePerRequestFilter {

        private final IdentityService identity;

        EngineRestAuthenticationFilter(IdentityService identity) {
            this.identity = identity;
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            Authentication authentication = SignedIn.current().orElse(null);
            if (authentication == null) {
                // Spring Security lets no unauthenticated request reach /engine-rest; never run one unchecked.
                response.sendError(HttpServletResponse.SC_UNAUTHORIZED);
                return;
            }
            identity.setAuthentication(authentication.getName(), groupsOf(authentication));
            try {
                chain.doFilter(request, response);
            } finally {
                identity.clearAuthentication();
            }
        }
    }

    /**
     * Tells the Camunda webapps who signed in to Kefu (Camunda's container-based single sign-on);
     * their own login form is not used. Instantiated by Camunda's filter by class name.
     */
    public static class SpringSecurityWebappAuthentication extends ContainerBasedAuthenticationProvider {

        @Override
        public AuthenticationResult extractAuthenticatedUser(HttpServletRequest request, ProcessEngine engine) {
            Authentication authentication = SignedIn.current().orElse(null);
            if (authentication == null || authentication.getName().startsWith("token:")) {
                return AuthenticationResult.unsuccessful();
            }
            AuthenticationResult result = AuthenticationResult.successful(authentication.getName());
            result.setGroups(groupsOf(authentication));
            return result;
        }
    }
}
