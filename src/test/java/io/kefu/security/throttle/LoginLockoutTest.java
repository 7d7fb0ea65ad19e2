package io.kefu.security.throttle;

import java.sql.Timestamp;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import io.kefu.security.KefuGroups;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The lockout the issue found (10 wrong passwords locked any user for good), tried again over real
 * HTTP against the whole application: wrong passwords for minutes, through every sign-in door.
 * Per-user limit here: 5 failures, then one more per 30 s.
 */
class LoginLockoutTest extends ThrottledStack {

    private static final String TASKS = "/api/workspace/tasks";

    @Autowired
    ObjectMapper json;

    @Test
    void wrongPasswordsForMinutesNeverLockTheUserAndTheRightPasswordWorksSoonAfter() throws Exception {
        user("zhao", "zhao-secret", KefuGroups.AGENTS);
        String attacker = "203.0.113.21";
        int checked = 0;
        int throttled = 0;

        for (int second = 0; second < 300; second++) { // five minutes, one wrong password a second
            ResponseEntity<String> answer = get(TASKS, "zhao", "guess-" + second, attacker);
            if (answer.getStatusCode() == HttpStatus.UNAUTHORIZED) {
                checked++;
            } else {
                assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
                assertThat(retryAfter(answer)).isBetween(1L, 30L);
                assertThat(answer.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
                JsonNode problem = json.readTree(answer.getBody());
                assertThat(problem.get("status").asInt()).isEqualTo(429);
                assertThat(problem.get("detail").asText()).isEqualTo(
                        "Too many failed sign-ins for user zhao: retry in " + retryAfter(answer) + " s");
                throttled++;
            }
            assertThat(lockExpiry("zhao")).as("Camunda's lock on zhao at second %d", second)
                    .satisfiesAnyOf(expiry -> assertThat(expiry).isNull(),
                            expiry -> assertThat(expiry).isBeforeOrEqualTo(new Date()));
            time.advance(Duration.ofSeconds(1));
        }

        assertThat(checked).as("5 at once, then one per 30 s").isBetween(14, 16);
        assertThat(checked + throttled).isEqualTo(300);

        if (get(TASKS, "zhao", "last-guess", attacker).getStatusCode() == HttpStatus.UNAUTHORIZED) {
            checked++; // the attacker's last word takes any token earned back meanwhile
        }
        assertThat(get("/engine-rest/engine", "zhao", "guess", attacker).getStatusCode()).as("the engine's REST API too")
                .isEqualTo(HttpStatus.TOO_MANY_REQUESTS);

        assertThat(failedAttempts("zhao")).as("Camunda counted only the checked ones, more than its old limit of 10")
                .isEqualTo(checked);
        ResponseEntity<String> stillThrottled = get(TASKS, "zhao", "zhao-secret", "192.0.2.77");
        assertThat(stillThrottled.getStatusCode()).as("right after the attack, from a new address")
                .isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
        assertThat(retryAfter(stillThrottled)).as("at most the per-user period").isBetween(1L, 30L);
        time.advance(Duration.ofSeconds(retryAfter(stillThrottled)));
        assertThat(get(TASKS, "zhao", "zhao-secret", "192.0.2.77").getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(identity.checkPassword("zhao", "zhao-secret")).as("the identity service did not lock zhao").isTrue();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM audit_event WHERE action = 'login.throttled'"
                + " AND target = 'user:zhao' AND address = ?", Integer.class, attacker))
                .as("one audit entry for the whole attack").isEqualTo(1);
    }

    @Test
    void theUserKeepsSigningInWhereTheyAlwaysDoWhileAnAttackerFailsElsewhere() {
        user("li", "li-secret", KefuGroups.AGENTS);
        String home = "198.51.100.7";
        assertThat(get(TASKS, "li", "li-secret", home).getStatusCode()).isEqualTo(HttpStatus.OK);

        for (int second = 0; second < 180; second++) {
            get(TASKS, "li", "guess-" + second, "203.0.113.22");
            if (second % 30 == 15) {
                assertThat(get(TASKS, "li", "li-secret", home).getStatusCode()).as("at home, second %d", second)
                        .isEqualTo(HttpStatus.OK);
                assertThat(get(TASKS, "li", "li-secret", "192.0.2.78").getStatusCode())
                        .as("from a new address, second %d", second).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
            }
            time.advance(Duration.ofSeconds(1));
        }
        time.advance(Duration.ofSeconds(30));

        assertThat(get(TASKS, "li", "li-secret", "192.0.2.78").getStatusCode()).isEqualTo(HttpStatus.OK);
    }

    @Test
    void theLoginFormSendsAThrottledUserBackToTheLoginPageSayingHowLongToWait() {
        user("wang", "wang-secret", KefuGroups.AGENTS);
        String from = "198.51.100.30";
        for (int i = 0; i < 5; i++) {
            assertThat(formLogin("wang", "guess-" + i, from).getHeaders().getLocation()).hasToString(
                    http.getRootUri() + "/login?error");
        }

        ResponseEntity<String> throttled = formLogin("wang", "wang-secret", from);

        assertThat(throttled.getStatusCode()).isEqualTo(HttpStatus.FOUND);
        assertThat(throttled.getHeaders().getLocation()).hasToString(http.getRootUri() + "/login?throttled=30");
        assertThat(retryAfter(throttled)).isEqualTo(30);
        assertThat(failedAttempts("wang")).as("the right password was not checked while throttled").isEqualTo(5);
        assertThat(http.getForObject("/login?throttled=30", String.class))
                .contains("Too many failed sign-ins for this user or from your address. Try again in 30 seconds.");
        time.advance(Duration.ofSeconds(30));
        assertThat(formLogin("wang", "wang-secret", from).getHeaders().getLocation())
                .hasToString(http.getRootUri() + "/");
    }

    @Test
    void theCamundaWebappsOwnLoginIsClosedAndChecksNoPassword() {
        user("chen", "chen-secret", KefuGroups.ADMINS);
        String from = "198.51.100.40";
        for (int i = 0; i < 12; i++) {
            assertThat(camundaLogin("chen", "guess-" + i, from).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        }

        assertThat(camundaLogin("chen", "chen-secret", from).getStatusCode())
                .as("one login: Kefu's sign-in page, never the webapps' own form").isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(failedAttempts("chen")).as("no password reached the identity service").isZero();
    }

    @Test
    void camundasOwnLockoutIsOff() {
        user("sun", "sun-secret", KefuGroups.AGENTS);
        for (int i = 0; i < 12; i++) { // Camunda's old limit is 10; each from its own address, none throttled
            assertThat(identity.checkPassword("sun", "guess-" + i)).isFalse();
        }

        assertThat(identity.checkPassword("sun", "sun-secret")).isTrue();
    }

    private ResponseEntity<String> formLogin(String user, String password, String from) {
        ResponseEntity<String> page = http.getForEntity("/login", String.class);
        Matcher csrf = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(page.getBody());
        assertThat(csrf.find()).as("the login form carries a CSRF token").isTrue();
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
        headers.set(HttpHeaders.COOKIE, cookies(page));
        headers.set("X-Forwarded-For", from);
        String form = "username=" + user + "&password=" + password + "&_csrf=" + csrf.group(1);
        return http.postForEntity("/login", new HttpEntity<>(form, headers), String.class);
    }

    private ResponseEntity<String> camundaLogin(String user, String password, String from) {
        // Camunda's own CSRF protection: a GET hands out the token, the POST sends it back.
        ResponseEntity<String> welcome = http.getForEntity("/camunda/app/welcome/default/", String.class);
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
        headers.set(HttpHeaders.COOKIE, cookies(welcome));
        headers.set("X-XSRF-TOKEN", welcome.getHeaders().getFirst("X-XSRF-TOKEN"));
        headers.set("X-Forwarded-For", from);
        return http.postForEntity("/camunda/api/admin/auth/user/default/login/welcome",
                new HttpEntity<>("username=" + user + "&password=" + password, headers), String.class);
    }

    private static String cookies(ResponseEntity<?> answer) {
        List<String> set = answer.getHeaders().getOrDefault(HttpHeaders.SET_COOKIE, List.of());
        return String.join("; ", set.stream().map(cookie -> cookie.split(";", 2)[0]).toList());
    }

    private int failedAttempts(String user) {
        return jdbc.queryForObject("SELECT COALESCE(ATTEMPTS_, 0) FROM ACT_ID_USER WHERE ID_ = ?", Integer.class, user);
    }

    private Date lockExpiry(String user) {
        Map<String, Object> row = jdbc.queryForMap("SELECT LOCK_EXP_TIME_ FROM ACT_ID_USER WHERE ID_ = ?", user);
        Object expiry = row.get("LOCK_EXP_TIME_");
        return expiry == null ? null : new Date(((Timestamp) expiry).getTime());
    }
}
