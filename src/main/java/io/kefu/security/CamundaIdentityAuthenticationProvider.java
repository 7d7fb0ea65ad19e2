package io.kefu.security;

import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;

import io.kefu.security.throttle.LoginThrottle;

/**
 * Checks user name and password against Camunda's identity service and grants the user's groups.
 * Successful checks are remembered for a short time ({@link AuthenticationCache}). Failed sign-ins
 * are throttled per user name and client address ({@link LoginThrottle}): while throttled, the
 * attempt is refused before the memory or the identity service is asked.
 */
@Component
class CamundaIdentityAuthenticationProvider implements AuthenticationProvider {

    private final IdentityService identity;
    private final AuthenticationCache remembered;
    private final LoginThrottle throttle;

    CamundaIdentityAuthenticationProvider(IdentityService identity, AuthenticationCache remembered,
            LoginThrottle throttle) {
        this.identity = identity;
        this.remembered = remembered;
        this.throttle = throttle;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String user = authentication.getName();
        Object credentials = authentication.getCredentials();
        if (user == null || credentials == null) {
            throw new BadCredentialsException("Bad user name or password");
        }
        String password = credentials.toString();
        String address = addressOf(authentication);
        throttle.checkAllowed(user, address);
        List<GrantedAuthority> authorities = remembered.find(user, password);
        if (authorities == null) {
            try (LoginThrottle.Attempt attempt = throttle.begin(user, address)) {
                // Another request may have checked the same credentials while this one waited.
                authorities = remembered.find(user, password);
                if (authorities == null) {
                    if (!identity.checkPassword(user, password)) {
                        attempt.failed();
                        throw new BadCredentialsException("Bad user name or password");
                    }
                    authorities = authoritiesOf(user);
                    remembered.remember(user, password, authorities);
                }
                attempt.succeeded();
            }
        }
        // A new token per request: Spring Security copies request details into the one it is given.
        return UsernamePasswordAuthenticationToken.authenticated(user, null, authorities);
    }

    private static String addressOf(Authentication authentication) {
        return authentication.getDetails() instanceof WebAuthenticationDetails web ? web.getRemoteAddress()
                : AuditLog.currentAddress();
    }

    private List<GrantedAuthority> authoritiesOf(String user) {
        List<GrantedAuthority> authorities = new ArrayList<>();
        for (Group group : identity.createGroupQuery().groupMember(user).list()) {
            authorities.add(new SimpleGrantedAuthority(KefuGroups.GROUP_AUTHORITY_PREFIX + group.getId()));
            String role = switch (group.getId()) {
                case KefuGroups.AGENTS -> "ROLE_AGENT";
                case KefuGroups.SUPERVISORS -> "ROLE_SUPERVISOR";
                case KefuGroups.DESIGNERS -> "ROLE_DESIGNER";
                case KefuGroups.ADMINS -> "ROLE_ADMIN";
                default -> null;
            };
            if (role != null) {
                authorities.add(new SimpleGrantedAuthority(role));
            }
        }
        return authorities;
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
