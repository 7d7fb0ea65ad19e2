package io.kefu.security.throttle;

import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.github.bucket4j.TimeMeter;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Throttles failed sign-ins, whichever door they come through (HTTP Basic and the login form; the
 * Camunda webapps use Kefu's login). Three buckets, each filled up again by time alone:
 * <ul>
 * <li>per user name (10 failures, then one more per 30 s by default), from any address: bounds how
 * fast anyone can guess one user's password;
 * <li>per client address (30, then one per 10 s), for any user names: bounds password spraying;
 * <li>per trusted pair: a user name + address that signed in successfully within
 * {@code trusted-address-ttl} is held to its own bucket (10, then one per 30 s) and to neither of
 * the above.
 * </ul>
 * Only failures take tokens. An attempt is refused (429, password not checked) when a bucket it is
 * held to is empty.
 *
 * <p>Why the trusted pair: with per-user counting alone, an attacker who sends one wrong password
 * per refill period keeps the user's bucket empty and the user out for as long as the attack lasts.
 * A user's own addresses are told apart from the attacker's by a past success there, which the
 * attacker cannot produce without the password; a new address with no failures is not enough,
 * since an attacker can always find fresh addresses (and IPv6 holds plenty), each of which would
 * then get free guesses. So: at the addresses a user signs in from, an attacker elsewhere cannot
 * keep them out at all; at a new address the user waits until the attack stops, then at most one
 * per-user period (30 s). Nothing locks anyone for longer, and nothing is permanent.
 *
 * <p>Password checks run one at a time per user name and per address (striped locks), so a burst of
 * parallel guesses cannot all pass while one token is left.
 */
@Component
public class LoginThrottle {

    private static final Logger log = LoggerFactory.getLogger(LoginThrottle.class);
    private static final int STRIPES = 64;
    /** Longest wait for another check of the same user or address before answering 429. */
    private static final long LOCK_WAIT_SECONDS = 10;

    private final boolean enabled;
    private final KeyedBuckets users;
    private final KeyedBuckets addresses;
    private final KeyedBuckets trustedPairs;
    private final Cache<String, Boolean> trusted;
    private final ReentrantLock[] addressLocks = stripes();
    private final ReentrantLock[] userLocks = stripes();
    private final ApplicationEventPublisher events;

    public LoginThrottle(LoginThrottleProperties properties, TimeMeter time, ApplicationEventPublisher events) {
        this.enabled = properties.enabled();
        this.users = new KeyedBuckets(properties.perUser(), properties.maxKeys(), time);
        this.addresses = new KeyedBuckets(properties.perAddress(), properties.maxKeys(), time);
        this.trustedPairs = new KeyedBuckets(properties.perTrustedAddress(), properties.maxKeys(), time);
        this.trusted = Caffeine.newBuilder()
                .maximumSize(properties.maxKeys())
                .expireAfterWrite(properties.trustedAddressTtl())
                .ticker(time::currentTimeNanos)
                .build();
        this.events = events;
    }

    /**
     * Refuses when attempts for this user name from this address are throttled; takes nothing, so
     * it is cheap enough for every request (a success remembered by the authentication cache still
     * passes here first, or an attacker could guess against the cache while throttled).
     *
     * @throws LoginThrottledException when throttled
     */
    public void checkAllowed(String user, String address) {
        if (enabled) {
            new Keys(user, address).checkAllowed();
        }
    }

    /**
     * Begins a password check for this user name from this address: waits for any other check of
     * the same user name or address, then refuses if throttled. Report the outcome on the attempt
     * and close it.
     *
     * @throws LoginThrottledException when throttled
     */
    public Attempt begin(String user, String address) {
        if (!enabled) {
            return new Attempt(null, null, null);
        }
        Keys keys = new Keys(user, address);
        ReentrantLock addressLock = lock(addressLocks, keys.address, "from " + keys.address);
        ReentrantLock userLock;
        try {
            userLock = lock(userLocks, keys.user, "for user " + keys.shown);
        } catch (LoginThrottledException busy) {
            addressLock.unlock();
            throw busy;
        }
        Attempt attempt = new Attempt(keys, addressLock, userLock);
        try {
            keys.checkAllowed();
        } catch (LoginThrottledException throttled) {
            attempt.close();
            throw throttled;
        }
        return attempt;
    }

    private static ReentrantLock lock(ReentrantLock[] locks, String key, String what) {
        ReentrantLock lock = locks[(key.hashCode() & 0x7fffffff) % locks.length];
        try {
            if (lock.tryLock(LOCK_WAIT_SECONDS, TimeUnit.SECONDS)) {
                return lock;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw new LoginThrottledException("Too many sign-ins at once " + what + ": retry in 1 s",
                Duration.ofSeconds(1));
    }

    private static ReentrantLock[] stripes() {
        ReentrantLock[] locks = new ReentrantLock[STRIPES];
        for (int i = 0; i < locks.length; i++) {
            locks[i] = new ReentrantLock();
        }
        return locks;
    }

    /** One password check in progress; holds the user's and the address's lock until closed. */
    public final class Attempt implements AutoCloseable {

        private final Keys keys;
        private ReentrantLock addressLock;
        private ReentrantLock userLock;

        private Attempt(Keys keys, ReentrantLock addressLock, ReentrantLock userLock) {
            this.keys = keys;
            this.addressLock = addressLock;
            this.userLock = userLock;
        }

        /** The password was right: the pair is trusted from now on (for the trusted-address TTL). */
        public void succeeded() {
            if (keys != null) {
                trusted.put(keys.pair, Boolean.TRUE);
            }
        }

        /** The password was wrong: takes a token from every bucket the attempt counts against. */
        public void failed() {
            if (keys == null) {
                return;
            }
            if (trusted.getIfPresent(keys.pair) != null) {
                take(trustedPairs, keys.pair, "user:" + keys.shown + "@" + keys.address,
                        "for user " + keys.shown + " from " + keys.address);
            }
            take(users, keys.user, "user:" + keys.shown, "for user " + keys.shown);
            take(addresses, keys.address, "address:" + keys.address, "from " + keys.address);
        }

        private void take(KeyedBuckets buckets, String key, String target, String what) {
            KeyedBuckets.Entry entry = buckets.entry(key);
            Limit limit = buckets.limit();
            if (entry.bucket.getAvailableTokens() >= limit.capacity()) {
                entry.episodeReported = false; // filled up since the last episode: a new one may begin
            }
            entry.bucket.tryConsume(1);
            if (!entry.episodeReported && entry.bucket.getAvailableTokens() < 1) {
                entry.episodeReported = true;
                LoginThrottled throttled = new LoginThrottled(target, keys.address, limit.capacity()
                        + " failed sign-ins " + what + "; further attempts are refused with 429 until a token is back ("
                        + limit.describe() + ")");
                try {
                    events.publishEvent(throttled);
                } catch (RuntimeException e) {
                    // The sign-in is refused all the same; a failing audit write must not turn that into a 500.
                    log.error("Could not report {}", throttled, e);
                }
            }
        }

        @Override
        public void close() {
            if (userLock != null) {
                userLock.unlock();
                userLock = null;
            }
            if (addressLock != null) {
                addressLock.unlock();
                addressLock = null;
            }
        }
    }

    /** The bucket keys of one attempt: user names count case-insensitively, IPv6 addresses per /64. */
    private final class Keys {

        final String shown;
        final String user;
        final String address;
        final String pair;

        Keys(String user, String address) {
            String name = user == null ? "" : user;
            this.shown = KeyedBuckets.cut(name);
            this.user = KeyedBuckets.cut(name.toLowerCase(Locale.ROOT));
            this.address = ClientAddress.key(address);
            this.pair = this.user + '\n' + this.address;
        }

        void checkAllowed() {
            if (trusted.getIfPresent(pair) != null) {
                refuseIfWaiting(trustedPairs.nanosToWait(pair), "for user " + shown + " from " + address);
                return;
            }
            refuseIfWaiting(addresses.nanosToWait(address), "from " + address);
            refuseIfWaiting(users.nanosToWait(user), "for user " + shown);
        }

    }

    private static void refuseIfWaiting(long nanos, String what) {
        if (nanos > 0) {
            throw new LoginThrottledException("Too many failed sign-ins " + what + ": retry in "
                    + TooManyRequests.seconds(nanos) + " s", Duration.ofNanos(nanos));
        }
    }
}
