package io.kefu.security;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;

import org.springframework.security.core.GrantedAuthority;

/**
 * Remembers, for {@code kefu.security.auth-cache-ttl}, the authorities of user name + password
 * pairs the identity service accepted. API clients send HTTP Basic with every request; without this
 * each request paid a password hash and three identity-service transactions (user, group query,
 * groups) before any work was done. Only successes are remembered: a wrong password always reaches
 * the identity service, and counts against the user's and the address's failed sign-ins
 * ({@link io.kefu.security.throttle.LoginThrottle}).
 *
 * <p>Entries are keyed by an HMAC-SHA-256 of user name and password under a key drawn at random when
 * the engine starts, so neither the password nor an unsalted hash of it is held in memory. The
 * price: a changed password, a removed or locked user, or a changed group membership takes effect up
 * to one TTL later for credentials already seen by this node.
 */
final class AuthenticationCache {

    /** More distinct users than any one node serves within a TTL; bounds memory if credentials are sprayed. */
    private static final int MAX_ENTRIES = 10_000;

    private final Cache<String, List<GrantedAuthority>> entries;
    private final SecretKeySpec key;

    AuthenticationCache(Duration ttl) {
        this(ttl, Ticker.systemTicker());
    }

    /** With a ticker of the test's choosing, so expiry can be tested without waiting. */
    AuthenticationCache(Duration ttl, Ticker ticker) {
        this.entries = ttl.isZero() || ttl.isNegative() ? null
                : Caffeine.newBuilder().expireAfterWrite(ttl).maximumSize(MAX_ENTRIES).ticker(ticker).build();
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        this.key = new SecretKeySpec(secret, "HmacSHA256");
    }

    /** The authorities remembered for these credentials, or null when they must be checked. */
    List<GrantedAuthority> find(String user, String password) {
        return entries == null ? null : entries.getIfPresent(keyOf(user, password));
    }

    /** Remembers credentials the identity service has just accepted. */
    void remember(String user, String password, List<GrantedAuthority> authorities) {
        if (entries != null) {
            entries.put(keyOf(user, password), List.copyOf(authorities));
        }
    }

    private String keyOf(String user, String password) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            // The user name's length first, so ("ab", "c") and ("a", "bc") cannot share a key.
            mac.update(Integer.toString(user.length()).getBytes(StandardCharsets.UTF_8));
            mac.update((byte) ':');
            mac.update(user.getBytes(StandardCharsets.UTF_8));
            mac.update(password.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(mac.doFinal());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }
}
