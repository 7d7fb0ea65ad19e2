package io.kefu.security.throttle;

import java.io.IOException;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Applies {@link RateLimits} before the controller runs, so a refused request stores nothing. Runs
 * after Spring Security's filter chain: the principal is known, and a request without a valid login
 * (401) or role (403) never reaches it, so strangers cannot spend a customer's allowance.
 * For {@code POST /api/messages} the body is read ahead (within {@code kefu.api.max-request-bytes})
 * and its top-level {@code customerExternalId} picked out with Jackson's streaming parser; the
 * controller then reads the same bytes.
 */
final class RateLimitFilter extends OncePerRequestFilter {

    static final String MESSAGES = "/api/messages";
    static final String SEARCH = "/api/knowledge/search";
    static final String SUGGEST = "/api/knowledge/suggest";
    /** The knowledge pages' type-ahead asks the same service as /api/knowledge/suggest. */
    static final String PAGE_SUGGEST = "/knowledge/suggest";

    private final RateLimits limits;
    private final ObjectMapper json;
    private final JsonFactory parsers;
    private final long maxBodyBytes;

    RateLimitFilter(RateLimits limits, ObjectMapper json, long maxBodyBytes) {
        this.limits = limits;
        this.json = json;
        this.parsers = json.getFactory();
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = path(request);
        if (HttpMethod.POST.matches(request.getMethod())) {
            return !MESSAGES.equals(path);
        }
        return !HttpMethod.GET.matches(request.getMethod())
                || !(SEARCH.equals(path) || SUGGEST.equals(path) || PAGE_SUGGEST.equals(path));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String principal = principal();
        HttpServletRequest next = request;
        Optional<RateLimits.Refusal> refusal;
        if (MESSAGES.equals(path(request))) {
            BufferedBody body = BufferedBody.read(request, maxBodyBytes);
            next = body.request();
            refusal = limits.message(principal, body.bytes() == null ? null : customerOf(body.bytes()));
        } else {
            refusal = limits.knowledgeSearch(principal);
        }
        if (refusal.isPresent()) {
            TooManyRequests.write(request, response, refusal.get().retryAfterSeconds(), refusal.get().detail(), json);
            return;
        }
        chain.doFilter(next, response);
    }

    /**
     * The top-level {@code customerExternalId} string, stripped as the controller strips it; the
     * last one when the field repeats, as data binding takes it. Null when absent or unreadable: the
     * controller then refuses the request with 400 anyway.
     */
    String customerOf(byte[] body) {
        String customer = null;
        try (JsonParser parser = parsers.createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if ("customerExternalId".equals(field)) {
                    customer = value == JsonToken.VALUE_STRING ? parser.getText().strip() : null;
                } else {
                    parser.skipChildren();
                }
            }
        } catch (IOException malformed) {
            return null;
        }
        return customer == null || customer.isEmpty() ? null : customer;
    }

    private static String principal() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || !authentication.isAuthenticated()
                || authentication instanceof AnonymousAuthenticationToken) {
            return null;
        }
        return authentication.getName();
    }

    private static String path(HttpServletRequest request) {
        return request.getRequestURI().substring(request.getContextPath().length());
    }
}
