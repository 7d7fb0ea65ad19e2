package io.kefu.security.throttle;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Throttles the Camunda webapps' own sign-in ({@code POST <webapp>/api/admin/auth/user/{engine}/login/{app}},
 * a form with {@code username} and {@code password}), which checks the password with the identity
 * service directly rather than through Spring Security. Camunda answers 401 for a wrong password
 * and 200 for a right one; 403 (right password, no access to that webapp, or a missing CSRF token)
 * counts as neither.
 */
final class CamundaWebappLoginThrottle extends OncePerRequestFilter {

    /** A login form is a few dozen bytes; more is not a login. */
    private static final int MAX_FORM_BYTES = 16 * 1024;

    private final Pattern loginPath;
    private final LoginThrottle throttle;
    private final ObjectMapper json;

    CamundaWebappLoginThrottle(String webappPath, LoginThrottle throttle, ObjectMapper json) {
        this.loginPath = Pattern.compile(Pattern.quote(webappPath) + "/api/admin/auth/user/[^/]+/login/[^/]+");
        this.throttle = throttle;
        this.json = json;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !HttpMethod.POST.matches(request.getMethod())
                || !loginPath.matcher(request.getRequestURI().substring(request.getContextPath().length())).matches();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        BufferedBody body = BufferedBody.read(request, MAX_FORM_BYTES);
        if (body.bytes() == null) {
            response.sendError(HttpStatus.PAYLOAD_TOO_LARGE.value());
            return;
        }
        String user = formValue(new String(body.bytes(), StandardCharsets.UTF_8), "username");
        LoginThrottle.Attempt attempt;
        try {
            attempt = throttle.begin(user, request.getRemoteAddr());
        } catch (LoginThrottledException throttled) {
            TooManyRequests.write(request, response, throttled.retryAfterSeconds(), throttled.getMessage(), json);
            return;
        }
        try (attempt) {
            chain.doFilter(body.request(), response);
            if (response.getStatus() == HttpStatus.UNAUTHORIZED.value()) {
                attempt.failed();
            } else if (response.getStatus() == HttpStatus.OK.value()) {
                attempt.succeeded();
            }
        }
    }

    /** The first value of a field of an application/x-www-form-urlencoded body, as JAX-RS's @FormParam takes it. */
    static String formValue(String form, String name) {
        for (String field : form.split("&")) {
            int equals = field.indexOf('=');
            String key = equals < 0 ? field : field.substring(0, equals);
            try {
                if (URLDecoder.decode(key, StandardCharsets.UTF_8).equals(name)) {
                    return equals < 0 ? "" : URLDecoder.decode(field.substring(equals + 1), StandardCharsets.UTF_8);
                }
            } catch (IllegalArgumentException badEscape) {
                // Camunda cannot read it either; keep looking.
            }
        }
        return "";
    }
}
