package io.kefu.security.token;

import java.time.Instant;
import java.util.List;

/**
 * An API token as stored: everything but the token itself, of which only a hash is kept.
 *
 * @param revokedAt  when an admin revoked it, or null
 * @param lastUsedAt when it last authenticated a request (recorded at most once a minute per node), or null
 */
public record ApiToken(long id, String name, List<ApiTokenScope> scopes, String createdBy, Instant createdAt,
        Instant expiresAt, Instant revokedAt, Instant lastUsedAt) {

    public ApiToken {
        scopes = List.copyOf(scopes);
    }

    /** Whether it authenticates requests at {@code now}: neither revoked nor expired. */
    public boolean activeAt(Instant now) {
        return revokedAt == null && now.isBefore(expiresAt);
    }

    /** Whether it was revoked. */
    public boolean revoked() {
        return revokedAt != null;
    }

    /** The principal name requests authenticated with it run as (and the audit log records). */
    public String principalName() {
        return ApiTokenService.PRINCIPAL_PREFIX + name;
    }

    /** The scopes as clients write them. */
    public List<String> scopeNames() {
        return scopes.stream().map(ApiTokenScope::value).toList();
    }
}
