package io.kefu.workspace;

import java.util.List;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

import io.kefu.security.KefuGroups;

/** The signed-in agent: their user id and the groups (queues) they work. */
public record Agent(String userId, List<String> groups) {

    public static Agent of(Authentication authentication) {
        List<String> groups = authentication.getAuthorities().stream()
                .map(GrantedAuthority::getAuthority)
                .filter(a -> a.startsWith(KefuGroups.GROUP_AUTHORITY_PREFIX))
                .map(a -> a.substring(KefuGroups.GROUP_AUTHORITY_PREFIX.length()))
                .toList();
        return new Agent(authentication.getName(), groups);
    }
}
