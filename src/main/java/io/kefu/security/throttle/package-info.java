/**
 * Throttling of failed sign-ins and rate limits on the doors the public or a runaway integration
 * can hammer, with token buckets (Bucket4j) kept in memory on each node.
 *
 * <p><b>Failed sign-ins</b> ({@link io.kefu.security.throttle.LoginThrottle}) are counted per user
 * name and per client address in separate buckets; only failures take a token, a correct password
 * takes none. When either bucket is empty the attempt is answered 429 with {@code Retry-After} and
 * the password is not checked. A user name + address pair that signed in successfully is
 * <i>trusted</i> for a while and is then limited by its own bucket only, so an attacker without
 * the password, failing from elsewhere, cannot keep the user out at the addresses they use. From
 * a new address the user waits at most one refill period once the attack stops. Camunda's own
 * failed-attempt lockout, which locked a user for good after 10 failures, is switched off
 * ({@link io.kefu.security.throttle.CamundaLockoutOff}).
 *
 * <p><b>Rate limits</b> ({@link io.kefu.security.throttle.RateLimits}): {@code POST /api/messages}
 * per customer and per signed-in principal, the knowledge base's search and suggestions per
 * principal. A refused request is answered 429 before the controller runs, so nothing is stored.
 *
 * <p>All limits are per node: N nodes behind a load balancer allow up to N times as much.
 */
package io.kefu.security.throttle;
