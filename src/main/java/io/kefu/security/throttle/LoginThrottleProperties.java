package io.kefu.security.throttle;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code kefu.security.login-throttle.*}: how many failed sign-ins are answered before further
 * attempts get 429. Every bucket fills up again by itself; none locks anyone for longer than it
 * takes to earn one token back.
 *
 * @param enabled           off only for tests of something else: without it, guessing is unlimited
 * @param perUser           failures per user name, from anywhere (default 10, then 1 per 30 s)
 * @param perAddress        failures per client address, for any user names (default 30, then 1
 *                          per 10 s); IPv6 addresses count per /64
 * @param perTrustedAddress failures for a user name from an address it signed in from before; such
 *                          a pair is held to this bucket only, not to the two above (default 10,
 *                          then 1 per 30 s)
 * @param trustedAddressTtl how long a successful sign-in makes its user name + address trusted
 *                          (default P30D; kept in memory, so a restart forgets it)
 * @param maxKeys           entries kept per bucket map (users, addresses, pairs); the least recently
 *                          used are dropped beyond it, bounding memory at a few tens of MB
 */
@ConfigurationProperties("kefu.security.login-throttle")
public record LoginThrottleProperties(
        @DefaultValue("true") boolean enabled,
        Limit perUser,
        Limit perAddress,
        Limit perTrustedAddress,
        @DefaultValue("P30D") Duration trustedAddressTtl,
        @DefaultValue("100000") int maxKeys) {

    public LoginThrottleProperties {
        perUser = perUser != null ? perUser : new Limit(10, 1, Duration.ofSeconds(30));
        perAddress = perAddress != null ? perAddress : new Limit(30, 1, Duration.ofSeconds(10));
        perTrustedAddress = perTrustedAddress != null ? perTrustedAddress : new Limit(10, 1, Duration.ofSeconds(30));
    }
}
