package io.kefu.security.throttle;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The buckets behind failed-login throttling, on time the test moves. */
class LoginThrottleTest {

    private static final String ATTACKER = "203.0.113.9";
    private static final String HOME = "198.51.100.7";
    private static final String ELSEWHERE = "192.0.2.50";

    private final MovableTime time = new MovableTime();
    private final List<LoginThrottled> reported = new ArrayList<>();
    private final LoginThrottle throttle = new LoginThrottle(new LoginThrottleProperties(true,
            new Limit(5, 1, Duration.ofSeconds(30)), new Limit(20, 1, Duration.ofSeconds(10)),
            new Limit(5, 1, Duration.ofSeconds(30)), Duration.ofDays(30), 1000), time,
            event -> reported.add((LoginThrottled) event));

    @Test
    void refusesAUserAfterTheAllowedFailuresUntilOneIsEarnedBack() {
        fail(5, "li", ATTACKER);

        assertThatThrownBy(() -> throttle.begin("li", ATTACKER)).isInstanceOfSatisfying(LoginThrottledException.class,
                e -> {
                    assertThat(e.retryAfterSeconds()).isEqualTo(30);
                    assertThat(e.getMessage()).isEqualTo("Too many failed sign-ins for user li: retry in 30 s");
                });
        assertThatThrownBy(() -> throttle.checkAllowed("li", ELSEWHERE)).as("from any untrusted address")
                .isInstanceOf(LoginThrottledException.class);

        time.advance(Duration.ofSeconds(29));
        assertThatThrownBy(() -> throttle.checkAllowed("li", ATTACKER)).isInstanceOfSatisfying(
                LoginThrottledException.class, e -> assertThat(e.retryAfterSeconds()).isEqualTo(1));
        time.advance(Duration.ofSeconds(1));
        assertThatCode(() -> throttle.begin("li", ATTACKER).close()).doesNotThrowAnyException();
    }

    @Test
    void successesTakeNothing() {
        for (int i = 0; i < 100; i++) {
            try (var attempt = throttle.begin("li", HOME)) {
                attempt.succeeded();
            }
        }
        fail(4, "li", HOME);

        assertThatCode(() -> throttle.checkAllowed("li", HOME)).doesNotThrowAnyException();
    }

    @Test
    void userNamesCountWhateverTheirCase() {
        fail(3, "li", ATTACKER);
        fail(2, "LI", ATTACKER);

        assertThatThrownBy(() -> throttle.checkAllowed("Li", ATTACKER)).isInstanceOf(LoginThrottledException.class);
    }

    @Test
    void anAddressFailingForManyUsersIsThrottledForEveryone() {
        for (int i = 0; i < 20; i++) {
            fail(1, "user-" + i, ATTACKER);
        }

        assertThatThrownBy(() -> throttle.checkAllowed("someone-new", ATTACKER)).isInstanceOfSatisfying(
                LoginThrottledException.class,
                e -> assertThat(e.getMessage()).isEqualTo("Too many failed sign-ins from 203.0.113.9: retry in 10 s"));
        assertThatCode(() -> throttle.checkAllowed("someone-new", ELSEWHERE)).doesNotThrowAnyException();
    }

    @Test
    void anIpv6NetworkCountsAsOneAddress() {
        for (int i = 0; i < 20; i++) {
            fail(1, "user-" + i, "2001:db8:1:2::" + Integer.toHexString(i + 1));
        }

        assertThatThrownBy(() -> throttle.checkAllowed("someone-new", "2001:db8:1:2:ffff::1"))
                .isInstanceOf(LoginThrottledException.class);
        assertThatCode(() -> throttle.checkAllowed("someone-new", "2001:db8:1:3::1")).doesNotThrowAnyException();
    }

    @Test
    void anAttackerElsewhereCannotKeepTheUserOutWhereTheySignedInBefore() {
        succeed("li", HOME);

        for (int second = 0; second < 300; second++) { // five minutes, one wrong password a second
            try (var attempt = throttle.begin("li", ATTACKER)) {
                attempt.failed();
            } catch (LoginThrottledException throttled) {
                // what the attacker gets most of the time
            }
            if (second % 60 == 30) {
                assertThatCode(() -> succeed("li", HOME)).as("at home, at second %d", second).doesNotThrowAnyException();
                assertThatThrownBy(() -> throttle.checkAllowed("li", ELSEWHERE)).as("from a new address")
                        .isInstanceOf(LoginThrottledException.class);
            }
            time.advance(Duration.ofSeconds(1));
        }

        time.advance(Duration.ofSeconds(30)); // the attack stopped: one per-user period later
        assertThatCode(() -> succeed("li", ELSEWHERE)).doesNotThrowAnyException();
    }

    @Test
    void failuresAtATrustedAddressAreHeldToItsOwnBucket() {
        succeed("li", HOME);
        fail(5, "li", HOME);

        assertThatThrownBy(() -> throttle.checkAllowed("li", HOME)).isInstanceOfSatisfying(LoginThrottledException.class,
                e -> assertThat(e.getMessage()).isEqualTo(
                        "Too many failed sign-ins for user li from 198.51.100.7: retry in 30 s"));
    }

    @Test
    void eachEpisodeIsReportedOnceNotOncePerRequest() {
        for (int second = 0; second < 600; second++) {
            try (var attempt = throttle.begin("li", ATTACKER)) {
                attempt.failed();
            } catch (LoginThrottledException throttled) {
                // refused
            }
            time.advance(Duration.ofSeconds(1));
        }
        assertThat(reported).extracting(LoginThrottled::target).containsExactly("user:li");
        assertThat(reported.get(0).address()).isEqualTo(ATTACKER);
        assertThat(reported.get(0).detail()).isEqualTo("5 failed sign-ins for user li; further attempts are refused"
                + " with 429 until a token is back (5, then 1 per 30 s)");

        time.advance(Duration.ofMinutes(3)); // filled up again: the next attack is a new episode
        fail(5, "li", ATTACKER);
        assertThat(reported).extracting(LoginThrottled::target).containsExactly("user:li", "user:li");
    }

    @Test
    void switchedOffItNeverRefuses() {
        LoginThrottle off = new LoginThrottle(new LoginThrottleProperties(false, null, null, null, Duration.ofDays(1), 10),
                time, event -> reported.add((LoginThrottled) event));
        for (int i = 0; i < 50; i++) {
            try (var attempt = off.begin("li", ATTACKER)) {
                attempt.failed();
            }
        }
        assertThatCode(() -> off.checkAllowed("li", ATTACKER)).doesNotThrowAnyException();
        assertThat(reported).isEmpty();
    }

    private void fail(int times, String user, String address) {
        for (int i = 0; i < times; i++) {
            try (var attempt = throttle.begin(user, address)) {
                attempt.failed();
            }
        }
    }

    private void succeed(String user, String address) {
        try (var attempt = throttle.begin(user, address)) {
            attempt.succeeded();
        }
    }
}
