package io.kefu.security.throttle;

import java.io.IOException;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.springframework.http.HttpMethod;
import org.springframework.security.core.Authentication;
import org.springframework.web.filter.OncePerRequestFilter;

import io.kefu.security.SignedIn;

/**
 * Applies the knowledge-base search limit of {@link RateLimits} before the search runs. Runs after
 * Spring Security's filter chain: the principal is known, and a request without a valid login (401)
 * or role (403) never reaches it. Customer messages are limited once their body is read
 * ({@link CustomerMessageLimits}).
 */
final class RateLimitFilter extends OncePerRequestFilter {

    static final String SEARCH = "/api/knowledge/search";
    static final String SUGGEST = "/api/knowledge/suggest";
    /** The knowledge pages' type-ahead asks the same service as /api/knowledge/suggest. */
    static final String PAGE_SUGGEST = "/knowledge/suggest";

    private final RateLimits limits;
    private final ObjectMapper json;

    RateLimitFilter(RateLimits limits, ObjectMapper json) {
        this.limits = limits;
        this.json = json;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = path(request);
        return !HttpMethod.GET.matches(request.getMethod())
                || !(SEARCH.equals(path) || SUGGEST.equals(path) || PAGE_SUGGEST.equals(path));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<RateLimits.Refusal> refusal = limits.knowledgeSearch(principal());
        if (refusal.isPresent()) {
            TooManyRequests.write(request, response, refusal.get().retryAfterSeconds(), refusal.get().detail(), json);
            return;
        }
        chain.doFilter(request, response);
    }

    /** The signed-in user or {@code token:<name>}; null without a login. */
    private static String principal() {
        return SignedIn.current().map(Authentication::getName).orElse(null);
    }

    private static String path(HttpServletRequest request) {
        return request.getRequestURI().substring(request.getContextPath().length());
    }
}
