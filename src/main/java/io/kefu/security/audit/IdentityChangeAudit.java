package io.kefu.security.audit;

import java.io.IOException;
import java.util.List;
import java.util.Set;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.camunda.bpm.webapp.impl.security.auth.Authentications;
import org.camunda.bpm.webapp.impl.security.auth.UserAuthentication;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.web.filter.OncePerRequestFilter;

import io.kefu.security.AuditLog;
import io.kefu.security.AuditOutcome;

/**
 * Audits changes to users, groups, memberships, authorizations, tenants and credentials made past
 * Kefu's own code: through {@code /engine-rest} ({@code user}, {@code group},
 * {@code authorization}, {@code tenant}, also under <code>/engine-rest/engine/{name}/</code>) and
 * through the Camunda Admin webapp ({@code /camunda/api/admin/**} but its login, and its engine API
 * <code>/camunda/api/engine/engine/{name}/user|group|authorization|tenant/**</code>). Every request with
 * a method other than GET, HEAD or OPTIONS there becomes one entry: action {@code identity.user},
 * {@code identity.credentials}, {@code identity.group}, {@code identity.membership},
 * {@code identity.authorization}, {@code identity.tenant} (or {@code identity.change} for the rest
 * of Camunda Admin's API), target method and path (never the query string or the body, which may
 * hold a password), outcome from the response status (2xx/3xx success, 4xx refused, 5xx failed).
 *
 * <p>Runs around Spring Security's filter chain, so requests it refuses are recorded too; the actor
 * is whoever that chain (or the Camunda webapp's session) authenticated, else {@code anonymous}.
 */
final class IdentityChangeAudit extends OncePerRequestFilter {

    static final String ANONYMOUS = "anonymous";
    /** Where the Camunda webapps keep their sign-in in the session (AuthenticationUtil.CAM_AUTH_SESSION_KEY). */
    private static final String CAMUNDA_SESSION_KEY = "authenticatedUser";
    private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS");

    private final AuditLog audit;

    IdentityChangeAudit(AuditLog audit) {
        this.audit = audit;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String action = READS.contains(request.getMethod()) ? null
                : actionOf(request.getRequestURI().substring(request.getContextPath().length()));
        if (action == null) {
            chain.doFilter(request, response);
            return;
        }
        boolean failed = true;
        try {
            chain.doFilter(request, response);
            failed = false;
        } finally {
            int status = response.getStatus();
            AuditOutcome outcome = failed || status >= 500 ? AuditOutcome.FAILED
                    : status >= 400 ? AuditOutcome.REFUSED : AuditOutcome.SUCCESS;
            audit.record(actorOf(request), request.getRemoteAddr(), action,
                    request.getMethod() + " " + request.getRequestURI(), outcome,
                    failed ? "failed with an exception" : "status " + status);
        }
    }

    /** The audit action for a path inside the servlet context, or null when it changes no identity. */
    static String actionOf(String path) {
        List<String> segments = List.of(path.replaceFirst("^/+", "").split("/+"));
        if (segments.size() >= 3 && segments.get(0).equals("camunda") && segments.get(1).equals("api")) {
            if (segments.get(2).equals("admin")) {
                if (segments.size() > 3 && segments.get(3).equals("auth")) {
                    return null; // signing in and out of the webapps
                }
                return segments.size() > 3 && segments.get(3).equals("setup") ? "identity.user" : "identity.change";
            }
            if (segments.get(2).equals("engine") && segments.size() > 5 && segments.get(3).equals("engine")) {
                return resourceAction(segments.subList(5, segments.size()));
            }
            return null;
        }
        if (!segments.isEmpty() && segments.get(0).equals("engine-rest")) {
            List<String> rest = segments.subList(1, segments.size());
            if (rest.size() >= 2 && rest.get(0).equals("engine")) {
                rest = rest.subList(2, rest.size());
            }
            return resourceAction(rest);
        }
        return null;
    }

    /** user/…, group/…, authorization/…, tenant/… → the action; anything else null. */
    private static String resourceAction(List<String> rest) {
        if (rest.isEmpty()) {
            return null;
        }
        boolean members = rest.size() >= 3 && rest.get(2).endsWith("members");
        return switch (rest.get(0)) {
            case "user" -> rest.size() >= 3 && rest.get(2).equals("credentials") ? "identity.credentials" : "identity.user";
            case "group" -> members ? "identity.membership" : "identity.group";
            case "tenant" -> members ? "identity.membership" : "identity.tenant";
            case "authorization" -> "identity.authorization";
            default -> null;
        };
    }

    private static String actorOf(HttpServletRequest request) {
        String name = nameOf(request.getAttribute(RequestAttributeSecurityContextRepository.DEFAULT_REQUEST_ATTR_NAME));
        HttpSession session = request.getSession(false);
        if (name == null && session != null) {
            name = nameOf(session.getAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY));
            if (name == null && session.getAttribute(CAMUNDA_SESSION_KEY) instanceof Authentications camunda) {
                name = camunda.getAuthentications().stream().map(UserAuthentication::getName).findFirst().orElse(null);
            }
        }
        return name == null ? ANONYMOUS : name;
    }

    private static String nameOf(Object context) {
        if (context instanceof SecurityContext security) {
            Authentication authentication = security.getAuthentication();
            if (authentication != null && authentication.isAuthenticated()
                    && !(authentication instanceof AnonymousAuthenticationToken)) {
                return authentication.getName();
            }
        }
        return null;
    }
}
