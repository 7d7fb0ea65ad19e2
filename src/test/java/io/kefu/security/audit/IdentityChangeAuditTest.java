package io.kefu.security.audit;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.kefu.security.SecurityAdminTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Users, groups, memberships, authorizations and credentials changed through {@code /engine-rest}
 * or Camunda Admin's API are audited, refused attempts too, and no password reaches the log.
 */
@SecurityAdminTest
class IdentityChangeAuditTest {

    private static final String PASSWORD = "Sup3r-Secret-Pass";

    @Autowired
    TestRestTemplate http;
    @Autowired
    JdbcClient jdbc;

    @Test
    void changesThroughTheEngineRestApiAreAuditedWithoutPasswords() {
        TestRestTemplate admin = http.withBasicAuth("demo", "demo");
        String user = "ivan" + System.nanoTime();
        String group = "team" + System.nanoTime();
        long before = lastId();

        assertThat(admin.postForEntity("/engine-rest/user/create", Map.of(
                "profile", Map.of("id", user, "firstName", "Ivan", "lastName", "Petrov", "email", user + "@example.com"),
                "credentials", Map.of("password", PASSWORD)), String.class).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        var credentials = admin.exchange("/engine-rest/user/" + user + "/credentials", HttpMethod.PUT, new HttpEntity<>(
                Map.of("password", PASSWORD + "2", "authenticatedUserPassword", "demo")), String.class);
        assertThat(credentials.getStatusCode()).as(credentials.getBody()).isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(admin.postForEntity("/engine-rest/group/create", Map.of("id", group, "name", "Team", "type", "WORKFLOW"),
                String.class).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(admin.exchange("/engine-rest/group/" + group + "/members/" + user, HttpMethod.PUT, null, String.class)
                .getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(admin.postForEntity("/engine-rest/authorization/create", Map.of("type", 1, "permissions", List.of("ACCESS"),
                "userId", user, "resourceType", 0, "resourceId", "cockpit"), String.class).getStatusCode())
                .isEqualTo(HttpStatus.OK);
        assertThat(admin.getForEntity("/engine-rest/user?id=" + user, String.class).getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(admin.exchange("/engine-rest/user/" + user, HttpMethod.DELETE, null, String.class).getStatusCode())
                .isEqualTo(HttpStatus.NO_CONTENT);

        List<Map<String, Object>> entries = entriesAfter(before);
        assertThat(entries).extracting(e -> e.get("ACTION") + " " + e.get("TARGET") + " " + e.get("OUTCOME"))
                .containsExactly(
                        "identity.user POST /engine-rest/user/create SUCCESS",
                        "identity.credentials PUT /engine-rest/user/" + user + "/credentials SUCCESS",
                        "identity.group POST /engine-rest/group/create SUCCESS",
                        "identity.membership PUT /engine-rest/group/" + group + "/members/" + user + " SUCCESS",
                        "identity.authorization POST /engine-rest/authorization/create SUCCESS",
                        "identity.user DELETE /engine-rest/user/" + user + " SUCCESS");
        assertThat(entries).allSatisfy(e -> {
            assertThat(e.get("ACTOR")).isEqualTo("demo");
            assertThat(e.get("ADDRESS")).isNotNull();
        });
        assertThat(entries.get(0).get("DETAIL")).isEqualTo("status 204");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE detail LIKE ? OR target LIKE ?")
                .params("%" + PASSWORD + "%", "%" + PASSWORD + "%").query(Integer.class).single()).isZero();
    }

    @Test
    void refusedAttemptsAreAuditedToo() {
        long before = lastId();

        ResponseEntity<String> anonymous = http.postForEntity("/engine-rest/user/create",
                Map.of("profile", Map.of("id", "mallory"), "credentials", Map.of("password", PASSWORD)), String.class);
        ResponseEntity<String> wrongPassword = http.withBasicAuth("demo", "wrong").postForEntity("/engine-rest/group/create",
                Map.of("id", "evil", "name", "Evil"), String.class);
        ResponseEntity<String> setup = http.postForEntity("/camunda/api/admin/setup/default/user/create",
                Map.of("profile", Map.of("id", "mallory"), "credentials", Map.of("password", PASSWORD)), String.class);

        assertThat(anonymous.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(wrongPassword.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(setup.getStatusCode().is4xxClientError()).isTrue();
        assertThat(entriesAfter(before)).extracting(e -> e.get("ACTOR") + " " + e.get("ACTION") + " " + e.get("TARGET")
                        + " " + e.get("OUTCOME"))
                .containsExactly(
                        "anonymous identity.user POST /engine-rest/user/create REFUSED",
                        "anonymous identity.group POST /engine-rest/group/create REFUSED",
                        "anonymous identity.user POST /camunda/api/admin/setup/default/user/create REFUSED");
    }

    @ParameterizedTest
    @CsvSource(nullValues = "-", value = {
            "/engine-rest/user/create, identity.user",
            "/engine-rest/engine/default/user/anna/profile, identity.user",
            "/engine-rest/user/anna/unlock, identity.user",
            "/engine-rest/user/anna/credentials, identity.credentials",
            "/engine-rest/group/agents/members/anna, identity.membership",
            "/engine-rest/group/agents, identity.group",
            "/engine-rest/tenant/t1/user-members/anna, identity.membership",
            "/engine-rest/tenant/create, identity.tenant",
            "/engine-rest/authorization/abc, identity.authorization",
            "/camunda/api/admin/setup/default/user/create, identity.user",
            "/camunda/api/admin/plugin/foo/default/bar, identity.change",
            "/camunda/api/engine/engine/default/group/agents/members/anna, identity.membership",
            "/camunda/api/engine/engine/default/authorization/create, identity.authorization",
            "/camunda/api/admin/auth/user/default/login/admin, -",
            "/camunda/api/engine/engine/default/task/1/claim, -",
            "/engine-rest/deployment/create, -",
            "/engine-rest/identity/verify, -",
            "/engine-rest, -",
            "/api/messages, -"})
    void pathsMapToTheirAction(String path, String action) {
        assertThat(IdentityChangeAudit.actionOf(path)).isEqualTo(action);
    }

    private long lastId() {
        return jdbc.sql("SELECT COALESCE(MAX(id), 0) FROM audit_event").query(Long.class).single();
    }

    private List<Map<String, Object>> entriesAfter(long id) {
        return jdbc.sql("SELECT actor, address, action, target, outcome, detail FROM audit_event"
                + " WHERE id > ? AND action LIKE 'identity.%' ORDER BY id").param(id).query().listOfRows();
    }
}
