package io.kefu.security;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code kefu.security.*}: the users created at start-up and how long a successful password check
 * is remembered.
 *
 * @param demoUser      create {@code demo}/{@code demo} with every role (embedded trials only)
 * @param adminPassword when set, create or reset user {@code admin} with every role
 * @param authCacheTtl  how long a successful user name + password check is remembered, so API
 *                      clients sending HTTP Basic with every request are not re-checked each time;
 *                      a changed password, removed user or changed group membership takes effect up
 *                      to this much later for credentials already seen. {@code PT0S} checks every time
 */
@ConfigurationProperties("kefu.security")
record SecurityProperties(@DefaultValue("false") boolean demoUser, @DefaultValue("") String adminPassword,
        @DefaultValue("PT60S") Duration authCacheTtl) {

    SecurityProperties {
        adminPassword = adminPassword == null ? "" : adminPassword;
    }
}
