package io.kefu.security.audit;

import java.io.StringReader;
import java.net.URI;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.util.UriComponentsBuilder;

import io.kefu.security.AuditLog;
import io.kefu.security.AuditOutcome;
import io.kefu.security.SecurityAdminTest;
import io.kefu.security.TestUsers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Admins read the audit log through the API and the page: filters, cursor paging, CSV export, retention. */
@SecurityAdminTest
class AuditTrailTest {

    @Autowired
    TestRestTemplate http;
    @Autowired
    AuditLog audit;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    AuditRetention retention;
    @Autowired
    IdentityService identity;
    @Autowired
    MockMvc mvc;

    TestRestTemplate admin;
    String actor;

    @BeforeEach
    void seed() {
        admin = http.withBasicAuth("demo", "demo");
        TestUsers.ensureAgent(identity);
        actor = "auditor-" + System.nanoTime();
        audit.record(actor, "10.0.0.1", "test.alpha", "thing 1", AuditOutcome.SUCCESS, "first");
        audit.record(actor, "10.0.0.1", "test.beta", "thing 2", AuditOutcome.REFUSED, "second");
        audit.record(actor, "10.0.0.2", "test.alpha", "thing 3", AuditOutcome.SUCCESS, "=HYPERLINK(\"http://evil\")");
        audit.record(actor, "10.0.0.2", "test.alpha", "thing 4", AuditOutcome.FAILED, "fourth, with \"quotes\"");
        audit.record(actor, null, "test.beta", "thing 5", AuditOutcome.SUCCESS, null);
        audit.record("someone-else", null, "test.alpha", "thing 6", AuditOutcome.SUCCESS, null);
    }

    @Test
    void filtersByActorActionAndOutcomeNewestFirst() {
        JsonNode all = page("actor", actor);
        assertThat(targets(all)).containsExactly("thing 5", "thing 4", "thing 3", "thing 2", "thing 1");
        assertThat(all.has("nextCursor")).isTrue();
        assertThat(all.get("nextCursor").isNull()).isTrue();
        JsonNode first = all.get("items").get(4);
        assertThat(first.get("actor").asText()).isEqualTo(actor);
        assertThat(first.get("address").asText()).isEqualTo("10.0.0.1");
        assertThat(first.get("action").asText()).isEqualTo("test.alpha");
        assertThat(first.get("outcome").asText()).isEqualTo("SUCCESS");
        assertThat(first.get("detail").asText()).isEqualTo("first");
        assertThat(first.get("id").asLong()).isPositive();
        assertThat(Instant.parse(first.get("occurredAt").asText())).isCloseTo(Instant.now(), within(Duration.ofMinutes(1)));

        assertThat(targets(page("actor", actor, "action", "test.alpha"))).containsExactly("thing 4", "thing 3", "thing 1");
        assertThat(targets(page("actor", actor, "action", "test.*"))).hasSize(5);
        assertThat(targets(page("actor", actor, "action", "test.b*"))).containsExactly("thing 5", "thing 2");
        assertThat(targets(page("actor", actor, "outcome", "refused"))).containsExactly("thing 2");
        assertThat(targets(page("action", "test.alpha"))).contains("thing 6", "thing 1");
    }

    @Test
    void sinceLeavesOlderEntriesOut() {
        String historian = "historian-" + System.nanoTime();
        insertAt(Instant.now().minus(Duration.ofDays(10)), historian, "test.old", "ten days ago");
        audit.record(historian, null, "test.new", "today", AuditOutcome.SUCCESS, null);

        assertThat(targets(page("actor", historian))).containsExactly("today", "ten days ago");
        assertThat(targets(page("actor", historian, "since", Instant.now().minus(Duration.ofDays(1)).toString())))
                .containsExactly("today");
        assertThat(targets(page("actor", historian, "since", Instant.now().minus(Duration.ofDays(2)).toString()
                .substring(0, 10)))).containsExactly("today");
        assertThat(targets(page("actor", historian, "since", "2000-01-01T00:00:00+08:00"))).hasSize(2);
        assertThat(targets(page("actor", historian, "since", "2000-01-01T08:00"))).hasSize(2);
    }

    @Test
    void theCursorWalksThroughEveryEntryOnce() {
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            JsonNode page = cursor == null ? page("actor", actor, "limit", "2") : page("actor", actor, "limit", "2",
                    "cursor", cursor);
            assertThat(page.get("items").size()).isLessThanOrEqualTo(2);
            seen.addAll(targets(page));
            cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asText();
            pages++;
        } while (cursor != null);

        assertThat(pages).isEqualTo(3);
        assertThat(seen).containsExactly("thing 5", "thing 4", "thing 3", "thing 2", "thing 1");
    }

    @Test
    void badParametersAreRefusedNamingThem() {
        assertBadRequest("since", "since", "yesterday");
        assertBadRequest("cursor", "cursor", "not-a-cursor");
        assertBadRequest("cursor", "cursor", "YTE6LTU");
        assertBadRequest("limit", "limit", "0");
        assertBadRequest("limit", "limit", "501");
        assertBadRequest("outcome", "outcome", "MAYBE");
        assertThat(admin.getForEntity("/api/admin/audit?limit=lots", String.class).getStatusCode())
                .isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(admin.getForEntity("/api/admin/audit?limit=500", String.class).getStatusCode()).isEqualTo(HttpStatus.OK);
    }

    @Test
    void theCsvExportHoldsEveryMatchingEntryAndIsItselfAudited() throws Exception {
        ResponseEntity<String> csv = admin.getForEntity(url("format", "csv", "actor", actor), String.class);

        assertThat(csv.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(csv.getHeaders().getContentType().isCompatibleWith(MediaType.parseMediaType("text/csv"))).isTrue();
        assertThat(csv.getHeaders().getContentDisposition().getFilename()).matches("kefu-audit-\\d{8}-\\d{6}\\.csv");
        List<CSVRecord> rows = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(csv.getBody())).getRecords();
        assertThat(rows).extracting(r -> r.get("target")).containsExactly("thing 5", "thing 4", "thing 3", "thing 2",
                "thing 1");
        assertThat(rows.get(0).getParser().getHeaderNames()).containsExactly("id", "occurred_at", "actor", "address",
                "action", "target", "outcome", "detail");
        assertThat(rows.get(1).get("detail")).isEqualTo("fourth, with \"quotes\"");
        assertThat(rows.get(1).get("outcome")).isEqualTo("FAILED");
        assertThat(rows.get(2).get("detail")).as("no formula for spreadsheets").isEqualTo("'=HYPERLINK(\"http://evil\")");
        assertThat(rows.get(4).get("address")).isEqualTo("10.0.0.1");
        assertThat(Instant.parse(rows.get(4).get("occurred_at"))).isBefore(Instant.now().plusSeconds(1));

        JsonNode exports = page("actor", "demo", "action", "audit.export", "limit", "1");
        assertThat(exports.get("items").get(0).get("detail").asText()).isEqualTo("actor " + actor + "; 5 entries");
        assertThat(exports.get("items").get(0).get("outcome").asText()).isEqualTo("SUCCESS");

        mvc.perform(get("/admin/audit.csv").param("actor", actor).with(user("root").roles("ADMIN")))
                .andExpect(status().isOk())
                .andExpect(header().string("Cache-Control", "no-store"))
                .andExpect(content().string(containsString("thing 3")));
        assertThat(page("actor", "root", "action", "audit.export").get("items")).hasSize(1);
    }

    @Test
    void theAuditPageShowsFilteredEntriesToAdminsOnly() throws Exception {
        mvc.perform(get("/admin/audit").param("actor", actor).param("action", "test.beta")
                        .with(user("root").roles("ADMIN")))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("thing 5")))
                .andExpect(content().string(containsString("thing 2")))
                .andExpect(content().string(org.hamcrest.Matchers.not(containsString("thing 4"))));
        mvc.perform(get("/admin/audit").param("since", "soon").with(user("root").roles("ADMIN")))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("2026-03-01T08:00:00Z")));
        mvc.perform(get("/admin/audit").with(user("sue").roles("SUPERVISOR", "DESIGNER", "AGENT")))
                .andExpect(status().isForbidden());
        mvc.perform(get("/admin/audit.csv").with(user("sue").roles("SUPERVISOR"))).andExpect(status().isForbidden());
        assertThat(http.withBasicAuth(TestUsers.AGENT, TestUsers.AGENT_PASSWORD).getForEntity("/api/admin/audit",
                String.class).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    }

    @Test
    void retentionDeletesEntriesOlderThanTwelveMonthsAndSaysSo() {
        insertAt(Instant.now().minus(Duration.ofDays(400)), actor, "test.ancient", "thing -2");
        insertAt(Instant.now().minus(Duration.ofDays(300)), actor, "test.old", "thing -1");

        retention.purge();

        assertThat(jdbc.sql("SELECT target FROM audit_event WHERE actor = ? AND action IN ('test.ancient', 'test.old')")
                .param(actor).query(String.class).list()).containsExactly("thing -1");
        JsonNode purges = page("actor", AuditLog.SYSTEM, "action", "audit.purge", "limit", "1");
        assertThat(purges.get("items").get(0).get("detail").asText()).matches("\\d+ entries older than 365 days");
    }

    private void insertAt(Instant at, String who, String action, String target) {
        jdbc.sql("INSERT INTO audit_event (occurred_at, actor, action, target, outcome) VALUES (?, ?, ?, ?, 'SUCCESS')")
                .params(Timestamp.from(at.truncatedTo(ChronoUnit.MILLIS)), who, action, target).update();
    }

    private void assertBadRequest(String field, String parameter, String value) {
        ResponseEntity<JsonNode> refused = admin.getForEntity(url(parameter, value), JsonNode.class);
        assertThat(refused.getStatusCode()).as("%s=%s", parameter, value).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(refused.getHeaders().getContentType().isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)).isTrue();
        assertThat(refused.getBody().get("field").asText()).isEqualTo(field);
    }

    private JsonNode page(String... parameters) {
        ResponseEntity<JsonNode> answer = admin.getForEntity(url(parameters), JsonNode.class);
        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
        return answer.getBody();
    }

    /** Values are encoded strictly (a '+' in an offset stays a '+'). */
    private static URI url(String... parameters) {
        UriComponentsBuilder uri = UriComponentsBuilder.fromPath("/api/admin/audit");
        List<String> values = new ArrayList<>();
        for (int i = 0; i < parameters.length; i += 2) {
            uri.queryParam(parameters[i], "{v" + i + "}");
            values.add(parameters[i + 1]);
        }
        return uri.encode().buildAndExpand(values.toArray()).toUri();
    }

    private static List<String> targets(JsonNode page) {
        List<String> targets = new ArrayList<>();
        page.get("items").forEach(item -> targets.add(item.get("target").asText()));
        return targets;
    }

    private static org.assertj.core.data.TemporalUnitOffset within(Duration duration) {
        return new org.assertj.core.data.TemporalUnitWithinOffset(duration.toSeconds(), ChronoUnit.SECONDS);
    }
}
