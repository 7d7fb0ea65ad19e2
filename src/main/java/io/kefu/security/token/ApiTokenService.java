package io.kefu.security.token;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Service;

import io.kefu.security.AuditLog;
import io.kefu.security.AuditOutcome;

/**
 * Issues, lists, revokes and checks API tokens. A token is {@code kefu_} followed by 32 random bytes
 * (base64url); only its SHA-256 is stored, so the database never holds a usable token and a
 * request's token is found by its hash, never compared character by character.
 *
 * <p>Tokens a node has looked up are remembered for {@code kefu.security.tokens.cache-ttl}
 * (default 30 s). Revoking evicts the token on the revoking node at once; other nodes notice within
 * that time. Expiry is checked on every request. Creating and revoking are audited
 * ({@code token.create}, {@code token.revoke}).
 */
@Service
public class ApiTokenService {

    /** Principal names of token-authenticated requests start with this. */
    public static final String PRINCIPAL_PREFIX = "token:";
    /** Every token starts with this, so leaked ones are easy to spot (secret scanners, logs). */
    public static final String TOKEN_PREFIX = "kefu_";
    static final int MAX_NAME = 64;

    private static final Logger log = LoggerFactory.getLogger(ApiTokenService.class);
    private static final int SECRET_BYTES = 32;
    private static final Pattern TOKEN_FORMAT = Pattern.compile("kefu_[A-Za-z0-9_-]{43}");
    private static final Pattern NAME_FORMAT = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N} ._-]*");
    /** last_used_at is written at most this often per token and node: a write per request would double an integration's cost. */
    private static final Duration USE_RECORDING_INTERVAL = Duration.ofMinutes(1);
    private static final int MAX_CACHED = 10_000;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final ApiTokenRepository tokens;
    private final AuditLog audit;
    private final Clock clock;
    private final Duration maxLifetime;
    private final Cache<String, Remembered> remembered;

    ApiTokenService(ApiTokenRepository tokens, AuditLog audit, Clock clock, TokenProperties properties) {
        this.tokens = tokens;
        this.audit = audit;
        this.clock = clock;
        this.maxLifetime = properties.maxLifetime();
        this.remembered = properties.cacheTtl().isZero() ? null
                : Caffeine.newBuilder().expireAfterWrite(properties.cacheTtl()).maximumSize(MAX_CACHED).build();
    }

    /**
     * Creates a token for the current admin.
     *
     * @param expiresIn ISO-8601 duration ({@code P90D}, {@code PT12H}) or period ({@code P3M}) from now
     * @throws InvalidTokenRequestException naming the field at fault
     */
    public IssuedToken issue(String name, List<String> scopes, String expiresIn) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        String cleanName;
        List<ApiTokenScope> granted;
        Instant expiresAt;
        try {
            cleanName = validName(name);
            granted = validScopes(scopes);
            expiresAt = expiry(expiresIn, now);
        } catch (InvalidTokenRequestException e) {
            audit.record("token.create", name == null ? null : "name " + cut(name), AuditOutcome.REFUSED,
                    e.getMessage());
            throw e;
        }
        String secret = TOKEN_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes());
        String createdBy = AuditLog.currentActor();
        long id = tokens.insert(cleanName, hash(secret), granted, createdBy, now, expiresAt);
        ApiToken token = new ApiToken(id, cleanName, granted, createdBy, now, expiresAt, null, null);
        audit.record("token.create", target(token), AuditOutcome.SUCCESS,
                "scopes " + String.join(" ", token.scopeNames()) + ", expires " + expiresAt);
        return new IssuedToken(token, secret);
    }

    /** Every token, newest first, without secrets. */
    public List<ApiToken> list() {
        return tokens.findAll();
    }

    /**
     * Revokes a token: from now on it authenticates nothing (on other nodes within the cache TTL).
     * Revoking a revoked token changes nothing.
     *
     * @return false when there is no such token
     */
    public boolean revoke(long id) {
        Optional<ApiToken> token = tokens.findById(id);
        if (token.isEmpty()) {
            return false;
        }
        boolean changed = tokens.revoke(id, clock.instant().truncatedTo(ChronoUnit.MILLIS), AuditLog.currentActor());
        // After the update is committed: a lookup racing with it either reads the revoked row or is
        // still loading, and Caffeine's invalidate waits for that load and removes its result.
        tokens.hashOf(id).ifPresent(this::forget);
        if (changed) {
            audit.record("token.revoke", target(token.get()), AuditOutcome.SUCCESS, null);
        }
        return true;
    }

    /**
     * The active token a request presented, or empty when it is malformed, unknown, expired or
     * revoked. Records the use (at most once a minute).
     */
    public Optional<ApiToken> authenticate(String presented) {
        if (presented == null || !TOKEN_FORMAT.matcher(presented).matches()) {
            return Optional.empty();
        }
        String hash = hash(presented);
        Remembered entry = lookUp(hash);
        Instant now = clock.instant();
        if (entry == null) {
            log.debug("Refused an unknown API token");
            return Optional.empty();
        }
        if (!entry.token.activeAt(now)) {
            log.info("Refused API token {} ({}): {}", entry.token.id(), entry.token.name(),
                    entry.token.revoked() ? "revoked" : "expired");
            return Optional.empty();
        }
        recordUse(entry, now);
        return Optional.of(entry.token);
    }

    private Remembered lookUp(String hash) {
        if (remembered == null) {
            return tokens.findByHash(hash).map(Remembered::new).orElse(null);
        }
        // Unknown hashes are not remembered (the loader's null is not cached), so guessing fills no memory.
        return remembered.get(hash, h -> tokens.findByHash(h).map(Remembered::new).orElse(null));
    }

    private void forget(String hash) {
        if (remembered != null) {
            remembered.invalidate(hash);
        }
    }

    private void recordUse(Remembered entry, Instant now) {
        Instant last = entry.lastRecordedUse.get();
        if (last != null && last.plus(USE_RECORDING_INTERVAL).isAfter(now)) {
            return;
        }
        if (entry.lastRecordedUse.compareAndSet(last, now)) {
            try {
                tokens.recordUse(entry.token.id(), now.truncatedTo(ChronoUnit.MILLIS));
            } catch (DataAccessException e) {
                log.warn("Could not record the use of API token {}: {}", entry.token.id(), e.getMessage());
            }
        }
    }

    private static String validName(String name) {
        String stripped = name == null ? "" : name.strip();
        if (stripped.isEmpty()) {
            throw new InvalidTokenRequestException("name", "must not be blank");
        }
        if (stripped.length() > MAX_NAME) {
            throw new InvalidTokenRequestException("name", "must be at most " + MAX_NAME + " characters");
        }
        if (!NAME_FORMAT.matcher(stripped).matches()) {
            throw new InvalidTokenRequestException("name",
                    "must start with a letter or digit and hold only letters, digits, spaces, '.', '_' and '-'");
        }
        return stripped;
    }

    private static List<ApiTokenScope> validScopes(List<String> scopes) {
        if (scopes == null || scopes.isEmpty()) {
            throw new InvalidTokenRequestException("scopes", "must name at least one of " + ApiTokenScope.names());
        }
        Set<ApiTokenScope> granted = EnumSet.noneOf(ApiTokenScope.class);
        for (String scope : scopes) {
            granted.add(ApiTokenScope.parse(scope).orElseThrow(() -> new InvalidTokenRequestException("scopes",
                    "holds unknown scope '" + cut(String.valueOf(scope)) + "'; known scopes: " + ApiTokenScope.names())));
        }
        return new ArrayList<>(granted);
    }

    private Instant expiry(String expiresIn, Instant now) {
        if (expiresIn == null || expiresIn.isBlank()) {
            throw new InvalidTokenRequestException("expiresIn", "must be an ISO-8601 duration such as P90D");
        }
        String value = expiresIn.strip();
        String range = "must be positive and at most " + readable(maxLifetime) + " (kefu.security.tokens.max-lifetime)";
        Instant expiresAt;
        try {
            expiresAt = now.plus(Duration.parse(value));
        } catch (DateTimeParseException notADuration) {
            try {
                expiresAt = now.atOffset(ZoneOffset.UTC).plus(Period.parse(value)).toInstant();
            } catch (DateTimeParseException notAPeriod) {
                throw new InvalidTokenRequestException("expiresIn", "must be an ISO-8601 duration such as P90D");
            } catch (DateTimeException | ArithmeticException outOfRange) {
                throw new InvalidTokenRequestException("expiresIn", range);
            }
        } catch (DateTimeException | ArithmeticException outOfRange) {
            throw new InvalidTokenRequestException("expiresIn", range);
        }
        if (!expiresAt.isAfter(now) || expiresAt.isAfter(now.plus(maxLifetime))) {
            throw new InvalidTokenRequestException("expiresIn", range);
        }
        return expiresAt;
    }

    /** P366D rather than Duration's PT8784H. */
    private static String readable(Duration duration) {
        return duration.toSeconds() % Duration.ofDays(1).toSeconds() == 0 ? "P" + duration.toDays() + "D"
                : duration.toString();
    }

    private static String target(ApiToken token) {
        return "token " + token.id() + " (" + token.name() + ")";
    }

    /** What of a refused name goes into the audit log: short, and on one line. */
    private static String cut(String value) {
        String line = value.replaceAll("\\p{Cntrl}", "?");
        return line.length() <= MAX_NAME ? line : line.substring(0, MAX_NAME) + "…";
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[SECRET_BYTES];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    /** SHA-256 of the token, lower-case hex: what {@code api_token.token_hash} holds. */
    static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /** A looked-up token and when this node last wrote its use. */
    private static final class Remembered {
        final ApiToken token;
        final AtomicReference<Instant> lastRecordedUse;

        Remembered(ApiToken token) {
            this.token = token;
            this.lastRecordedUse = new AtomicReference<>(token.lastUsedAt());
        }
    }
}
