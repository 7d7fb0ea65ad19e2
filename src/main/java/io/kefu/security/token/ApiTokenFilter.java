package io.kefu.security.token;

import java.io.IOException;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates {@code Authorization: Bearer <token>} on the API chain ({@code /api/**},
 * {@code /engine-rest/**}). A token that is malformed, unknown, expired or revoked is refused here
 * with 401 problem JSON and the request goes no further; requests without a bearer token pass on to
 * HTTP Basic. Tokens never reach Camunda's identity service, so failed token checks count towards
 * no user's lockout. Built by {@code SecurityConfig}, not a bean: as a bean Spring Boot would also
 * register it for every request outside the security chain.
 */
public final class ApiTokenFilter extends OncePerRequestFilter {

    /** Request attribute set on requests a token authenticated; {@link ApiTokenRules} match on it. */
    static final String TOKEN_REQUEST = ApiTokenFilter.class.getName() + ".TOKEN";

    private static final String BEARER = "Bearer ";

    private final ApiTokenService tokens;
    private final SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();
    private final SecurityContextRepository repository = new RequestAttributeSecurityContextRepository();

    public ApiTokenFilter(ApiTokenService tokens) {
        this.tokens = tokens;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            chain.doFilter(request, response);
            return;
        }
        Optional<ApiToken> token = tokens.authenticate(header.substring(BEARER.length()).strip());
        if (token.isEmpty()) {
            refuse(response);
            return;
        }
        SecurityContext context = contexts.createEmptyContext();
        context.setAuthentication(new ApiTokenAuthentication(token.get()));
        contexts.setContext(context);
        // Kept on the request too, as HTTP Basic does, so code after the chain (the identity-change
        // audit) still knows who acted.
        repository.saveContext(context, request, response);
        request.setAttribute(TOKEN_REQUEST, token.get().id());
        chain.doFilter(request, response);
    }

    private static void refuse(HttpServletResponse response) throws IOException {
        response.setStatus(HttpStatus.UNAUTHORIZED.value());
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"");
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write("{\"type\":\"about:blank\",\"title\":\"Unauthorized\",\"status\":401,"
                + "\"detail\":\"The API token is unknown, expired or revoked\"}");
    }
}
