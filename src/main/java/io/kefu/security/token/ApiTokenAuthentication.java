package io.kefu.security.token;

import java.util.List;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * A request authenticated by an API token: principal name {@code token:<name>}, the authorities
 * {@code SCOPE_<scope>} of its scopes and no role, so no rule written for people ever admits it.
 */
final class ApiTokenAuthentication extends AbstractAuthenticationToken {

    private final ApiToken token;

    ApiTokenAuthentication(ApiToken token) {
        super(authorities(token));
        this.token = token;
        setAuthenticated(true);
    }

    private static List<GrantedAuthority> authorities(ApiToken token) {
        return token.scopes().stream().map(s -> (GrantedAuthority) new SimpleGrantedAuthority(s.authority())).toList();
    }

    @Override
    public Object getCredentials() {
        return null;
    }

    @Override
    public Object getPrincipal() {
        return token.principalName();
    }

    @Override
    public String getName() {
        return token.principalName();
    }

    /** The stored token (id, name, scopes). */
    ApiToken token() {
        return token;
    }
}
