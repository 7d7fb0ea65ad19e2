package io.kefu.security;

import java.util.Optional;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/** Who is signed in on this thread: a person, or an API token as {@code token:<name>}. */
public final class SignedIn {

    private SignedIn() {
    }

    /** The caller's authentication; empty without a login (the anonymous one included). */
    public static Optional<Authentication> current() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication == null || !authentication.isAuthenticated()
                || authentication instanceof AnonymousAuthenticationToken ? Optional.empty() : Optional.of(authentication);
    }

    /** Whether the signed-in caller holds this authority ({@code ROLE_ADMIN}, {@code SCOPE_tickets:read}, ...). */
    public static boolean holds(String authority) {
        return current().map(authentication -> holds(authentication, authority)).orElse(false);
    }

    /** Whether that authentication holds this authority. */
    public static boolean holds(Authentication authentication, String authority) {
        return authentication != null && authentication.getAuthorities().stream()
                .anyMatch(granted -> authority.equals(granted.getAuthority()));
    }
}
