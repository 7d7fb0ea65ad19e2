package io.kefu.security.token;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.AndRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

import static io.kefu.security.token.ApiTokenScope.EXTERNAL_TASK;
import static io.kefu.security.token.ApiTokenScope.MESSAGES_WRITE;
import static io.kefu.security.token.ApiTokenScope.METRICS_READ;
import static io.kefu.security.token.ApiTokenScope.SYNC_INBOUND;
import static io.kefu.security.token.ApiTokenScope.TICKETS_READ;
import static io.kefu.security.token.ApiTokenScope.TICKETS_WRITE;

/**
 * What each token scope opens on the API chain — the token column of the permission matrix
 * (docs/SECURITY.md). These rules come before the role rules and decide every request a token
 * authenticated: a route not listed here is 403 for any token, whatever its scopes. Requests of
 * people never match them (they carry no token) and go on to the role rules.
 */
public final class ApiTokenRules {

    private ApiTokenRules() {
    }

    /** Adds the token rules; call before any other rule of the chain. */
    public static void authorize(
            AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry auth) {
        auth
                .requestMatchers(token(HttpMethod.POST, "/api/customers"), token(HttpMethod.POST, "/api/messages"),
                        token(HttpMethod.POST, "/api/tickets/{id}/bot-feedback"),
                        token(HttpMethod.POST, "/api/tickets/{id}/abandon"))
                .hasAuthority(MESSAGES_WRITE.authority())
                .requestMatchers(token(HttpMethod.GET, "/api/customers/{externalId}"),
                        token(HttpMethod.GET, "/api/customers/{externalId}/identities"))
                .hasAnyAuthority(TICKETS_READ.authority(), MESSAGES_WRITE.authority())
                // The shop's back office links what it knows of its users (a unionid from a WeChat login).
                .requestMatchers(token(HttpMethod.POST, "/api/customers/{externalId}/identities"))
                .hasAuthority(MESSAGES_WRITE.authority())
                // Before /api/tickets/{id}, which would match it: the self-service report is for people.
                .requestMatchers(token(HttpMethod.GET, "/api/tickets/self-service")).denyAll()
                .requestMatchers(token(HttpMethod.GET, "/api/tickets"), token(HttpMethod.GET, "/api/tickets/{id}"),
                        token(HttpMethod.GET, "/api/tickets/{id}/messages"),
                        token(HttpMethod.GET, "/api/tickets/{id}/receipts"),
                        token(HttpMethod.GET, "/api/tickets/{id}/escalations"),
                        token(HttpMethod.GET, "/api/tickets/{id}/links"),
                        token(HttpMethod.GET, "/api/tickets/{id}/reply-channels"),
                        token(HttpMethod.GET, "/api/tickets/{id}/wait"))
                .hasAuthority(TICKETS_READ.authority())
                .requestMatchers(token(HttpMethod.POST, "/api/tickets/{id}/claim"),
                        token(HttpMethod.POST, "/api/tickets/{id}/replies"),
                        token(HttpMethod.POST, "/api/tickets/{id}/resolve"),
                        token(HttpMethod.POST, "/api/tickets/{id}/notes"),
                        token(HttpMethod.POST, "/api/tickets/{id}/transfer"),
                        token(HttpMethod.POST, "/api/tickets/{id}/unclaim"),
                        token(HttpMethod.POST, "/api/tickets/{id}/priority"),
                        token(HttpMethod.POST, "/api/tickets/{id}/merge"),
                        token(HttpMethod.POST, "/api/tickets/{id}/links"),
                        token(HttpMethod.DELETE, "/api/tickets/{id}/links/{otherId}"),
                        token(HttpMethod.POST, "/api/tickets/{id}/wait"),
                        token(HttpMethod.DELETE, "/api/tickets/{id}/wait"))
                .hasAuthority(TICKETS_WRITE.authority())
                // The signed inbound webhook of back-office systems (the signature is checked further in).
                .requestMatchers(token(HttpMethod.POST, "/api/integrations/{source}/events"))
                .hasAuthority(SYNC_INBOUND.authority())
                .requestMatchers(token(null, "/engine-rest/external-task/**"),
                        token(null, "/engine-rest/engine/{engine}/external-task/**"))
                .hasAuthority(EXTERNAL_TASK.authority())
                .requestMatchers(token(HttpMethod.GET, "/actuator/prometheus")).hasAuthority(METRICS_READ.authority())
                .requestMatchers(ApiTokenRules::isTokenRequest).denyAll();
    }

    private static RequestMatcher token(HttpMethod method, String pattern) {
        return new AndRequestMatcher(ApiTokenRules::isTokenRequest,
                PathPatternRequestMatcher.withDefaults().matcher(method, pattern));
    }

    /** A request (not an error or forward dispatch, which the chain's own rules admit) a token authenticated. */
    private static boolean isTokenRequest(HttpServletRequest request) {
        return request.getDispatcherType() == DispatcherType.REQUEST
                && request.getAttribute(ApiTokenFilter.TOKEN_REQUEST) != null;
    }
}
