package io.kefu.security.token;

import java.time.Instant;
import java.util.List;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** {@code /api/admin/tokens}: create, list and revoke API tokens (admins only, see SecurityConfig). */
@RestController
@RequestMapping("/api/admin/tokens")
class TokenApiController {

    private final ApiTokenService tokens;

    TokenApiController(ApiTokenService tokens) {
        this.tokens = tokens;
    }

    /** 201 with the token: the only time it is ever shown. */
    @PostMapping
    ResponseEntity<CreatedToken> create(@RequestBody CreateToken request) {
        IssuedToken issued = tokens.issue(request.name(), request.scopes(), request.expiresIn());
        return ResponseEntity.status(HttpStatus.CREATED).cacheControl(CacheControl.noStore())
                .body(new CreatedToken(issued.token().id(), issued.secret(), issued.token().scopeNames(),
                        issued.token().expiresAt()));
    }

    /**
     * Lists the API tokens, newest first, never their secrets.
     * Each with its name, scopes, who created it and when, and when it expires, was revoked and was last
     * used. Admins only.
     */
    @GetMapping
    List<TokenView> list() {
        return tokens.list().stream().map(TokenView::of).toList();
    }

    /**
     * Revokes an API token, which from then on authenticates nothing.
     * Answers 204, also for a token already revoked (nothing changes then); 404 when there is no such
     * token. Takes effect at once on this node and within {@code kefu.security.tokens.cache-ttl} on the
     * others. Audited as {@code token.revoke}. Admins only.
     */
    @DeleteMapping("/{id}")
    ResponseEntity<Void> revoke(@PathVariable long id) {
        if (!tokens.revoke(id)) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No API token with id " + id);
        }
        return ResponseEntity.noContent().build();
    }

    @ExceptionHandler(InvalidTokenRequestException.class)
    ProblemDetail invalid(InvalidTokenRequestException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "Invalid request: " + e.getMessage());
        problem.setTitle(HttpStatus.BAD_REQUEST.getReasonPhrase());
        problem.setProperty("field", e.field());
        return problem;
    }

    /** @param expiresIn ISO-8601 duration, e.g. {@code P90D} */
    record CreateToken(String name, List<String> scopes, String expiresIn) {
    }

    record CreatedToken(long id, String token, List<String> scopes, Instant expiresAt) {
    }

    record TokenView(long id, String name, List<String> scopes, String createdBy, Instant createdAt, Instant expiresAt,
            Instant revokedAt, Instant lastUsedAt) {
        static TokenView of(ApiToken t) {
            return new TokenView(t.id(), t.name(), t.scopeNames(), t.createdBy(), t.createdAt(), t.expiresAt(),
                    t.revokedAt(), t.lastUsedAt());
        }
    }
}
