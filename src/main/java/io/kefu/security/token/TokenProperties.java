package io.kefu.security.token;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code kefu.security.tokens.*}.
 *
 * @param maxLifetime longest {@code expiresIn} an admin may give a new token; longer ones are refused
 *                    with 400, so every token expires within this time of its creation
 * @param cacheTtl    how long a node remembers a token it looked up, so an integration's requests do
 *                    not each cost a query. A revocation takes effect at once on the node that
 *                    revoked the token and up to this much later on the others; expiry is checked on
 *                    every request. {@code PT0S} looks every token up every time
 */
@ConfigurationProperties("kefu.security.tokens")
record TokenProperties(@DefaultValue("P366D") Duration maxLifetime, @DefaultValue("PT30S") Duration cacheTtl) {

    TokenProperties {
        if (maxLifetime.isNegative() || maxLifetime.isZero()) {
            throw new IllegalArgumentException("kefu.security.tokens.max-lifetime must be positive");
        }
        if (cacheTtl.isNegative()) {
            throw new IllegalArgumentException("kefu.security.tokens.cache-ttl must not be negative");
        }
    }
}
