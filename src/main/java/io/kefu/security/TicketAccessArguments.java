package io.kefu.security;

import java.util.List;
import java.util.Set;

import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.core.MethodParameter;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import io.kefu.security.token.ApiTokenScope;
import io.kefu.ticket.TicketAccess;

/**
 * Hands every controller method with a {@link TicketAccess} parameter the caller's reach, built
 * from the login: supervisors, admins and API tokens with {@code tickets:read} or
 * {@code tickets:write} reach every ticket; anyone else (agents) the queues they are a member of
 * ({@code GROUP_<queue>}) and the tickets assigned to them. The URL rules in {@link SecurityConfig}
 * decide who may call an endpoint at all; this decides which tickets it shows them.
 */
@Component
class TicketAccessArguments implements HandlerMethodArgumentResolver, WebMvcConfigurer {

    static {
        // Resolved from the login, never sent by a client: no parameter in the OpenAPI document.
        SpringDocUtils.getConfig().addRequestWrapperToIgnore(TicketAccess.class);
    }

    /** Authorities that reach every ticket. */
    static final Set<String> EVERY_TICKET = Set.of(SecurityConfig.SUPERVISOR, SecurityConfig.ADMIN,
            ApiTokenScope.TICKETS_READ.authority(), ApiTokenScope.TICKETS_WRITE.authority());

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(this);
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return TicketAccess.class.equals(parameter.getParameterType());
    }

    @Override
    public TicketAccess resolveArgument(MethodParameter parameter, ModelAndViewContainer mavContainer,
            NativeWebRequest webRequest, WebDataBinderFactory binderFactory) {
        return of(SecurityContextHolder.getContext().getAuthentication());
    }

    /** The reach of this login; no login reaches nothing (the entry point then asks for one). */
    static TicketAccess of(Authentication authentication) {
        if (authentication == null || !authentication.isAuthenticated()
                || authentication instanceof AnonymousAuthenticationToken) {
            throw new AccessDeniedException("Tickets need a login");
        }
        List<String> authorities = authentication.getAuthorities().stream().map(GrantedAuthority::getAuthority).toList();
        if (authorities.stream().anyMatch(EVERY_TICKET::contains)) {
            return TicketAccess.everyTicket(authentication.getName());
        }
        List<String> groups = authorities.stream()
                .filter(a -> a.startsWith(KefuGroups.GROUP_AUTHORITY_PREFIX))
                .map(a -> a.substring(KefuGroups.GROUP_AUTHORITY_PREFIX.length()))
                .toList();
        return TicketAccess.queuesOf(authentication.getName(), groups);
    }
}
