package io.kefu.routing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.transaction.PlatformTransactionManager;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.kefu.config.KefuHome;
import io.kefu.customer.CustomerService;
import io.kefu.customer.CustomerTier;
import io.kefu.testing.TestTickets;
import io.kefu.ticket.Channel;
import io.kefu.ticket.Priority;
import io.kefu.ticket.Topic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Hot reload, versions, rollback, a second node following, and simulation, through the API on a
 * running application whose {@code kefu.home} is a copy of the repository's {@code rules/} that the
 * tests edit (processes and the rest come from the packed copies). Run on H2 and on MariaDB.
 */
abstract class RuleDeploymentScenarios {

    static final RequestPostProcessor DESIGNER = user("dora").authorities(
            new SimpleGrantedAuthority("ROLE_DESIGNER"), new SimpleGrantedAuthority("GROUP_designers"));
    static final RequestPostProcessor SUPERVISOR = user("sue").authorities(
            new SimpleGrantedAuthority("ROLE_SUPERVISOR"), new SimpleGrantedAuthority("GROUP_supervisors"));

    static final RoutingRequest BILLING_WEB = new RoutingRequest(CustomerTier.STANDARD, Topic.BILLING, Channel.WEB);
    static final RoutingRequest ORDER_EMAIL = new RoutingRequest(CustomerTier.STANDARD, Topic.ORDER, Channel.EMAIL);

    @Autowired
    MockMvc mvc;
    @Autowired
    ObjectMapper json;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    TicketRouting routing;
    @Autowired
    RuleDeployment deployment;
    @Autowired
    RuleVersions versions;
    @Autowired
    ApplicationContext context;

    /** A fresh copy of the repository's rules/ as the application's kefu.home. */
    static Path home(String name) {
        try {
            Path home = Files.createTempDirectory(name);
            RoutingRulesTest.copyRulesFolder(home);
            return home;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    abstract Path home();

    Path rules(String file) {
        return home().resolve("rules").resolve(file);
    }

    void edit(String file, String from, String to) throws IOException {
        String content = Files.readString(rules(file));
        assertThat(content).contains(from);
        Files.writeString(rules(file), content.replace(from, to));
    }

    /** Each test starts from the repository's rules, live. */
    @AfterEach
    void backToTheRepositorysRules() throws Exception {
        for (String file : List.of("routing.drl", "priority-matrix.csv", "upset.drl", "handover.drl",
                "tests/routing-cases.csv", "tests/handover-cases.csv")) {
            Files.copy(Path.of("rules", file), rules(file), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        deployment.reload("test");
    }

    JsonNode call(org.springframework.test.web.servlet.RequestBuilder request, int expectedStatus) throws Exception {
        String body = mvc.perform(request).andExpect(status().is(expectedStatus)).andReturn().getResponse()
                .getContentAsString();
        return body.isEmpty() ? null : json.readTree(body);
    }

    JsonNode reload(int expectedStatus) throws Exception {
        return call(post("/api/rules/reload").with(DESIGNER), expectedStatus);
    }

    long storedVersions() {
        return jdbc.sql("SELECT COUNT(*) FROM rule_set_version").query(Long.class).single();
    }

    /** Standard customers writing e-mail get NORMAL instead of LOW priority, cases changed alike. */
    void emailGetsNormalPriority() throws IOException {
        edit("priority-matrix.csv", "Standard customers writing e-mail get low priority,STANDARD,EMAIL,false,LOW",
                "Standard customers writing e-mail get normal priority,STANDARD,EMAIL,false,NORMAL");
        String cases = Files.readString(rules("tests/routing-cases.csv"));
        Files.writeString(rules("tests/routing-cases.csv"), cases.replaceAll("(?m)^(STANDARD,\\w+,EMAIL,[^,]*,[^,]*,\\w+),LOW,",
                "$1,NORMAL,"));
    }

    @Test
    void aGoodEditGoesLiveAsANewVersionAndABadOneIsRefusedWhileTheOldRulesAnswer() throws Exception {
        long before = deployment.liveVersion();
        assertThat(routing.decide(ORDER_EMAIL).getPriority()).isEqualTo(Priority.LOW);

        emailGetsNormalPriority();
        long good = reload(200).get("version").asLong();

        assertThat(good).isGreaterThan(before);
        assertThat(routing.decide(ORDER_EMAIL).getPriority()).isEqualTo(Priority.NORMAL);
        assertThat(routing.decide(ORDER_EMAIL).getFiredRules()).contains("Standard customers writing e-mail get normal priority");
        long stored = storedVersions();

        edit("routing.drl", "routeTo(\"billing_team\"", "routeTo(\"general_support\"");
        JsonNode refused = reload(422);

        assertThat(refused.get("detail").asText()).contains("fail", "test case");
        assertThat(refused.get("failingCases")).isNotEmpty();
        assertThat(refused.get("failingCases").get(0).asText())
                .startsWith("routing-cases.csv line ")
                .contains("topic=BILLING")
                .contains("expected queue billing_team but got general_support");
        assertThat(routing.decide(BILLING_WEB).getQueue()).as("the old rules still answer").isEqualTo("billing_team");
        assertThat(deployment.liveVersion()).isEqualTo(good);

        Files.writeString(rules("routing.drl"), Files.readString(rules("routing.drl")) + "\nrule \"broken\" when then oops end\n");
        JsonNode broken = reload(422);

        assertThat(broken.get("detail").asText()).contains("do not compile", "routing.drl line");
        assertThat(routing.decide(BILLING_WEB).getQueue()).isEqualTo("billing_team");
        assertThat(storedVersions()).as("nothing refused is stored").isEqualTo(stored);
        assertThat(jdbc.sql("SELECT outcome FROM audit_event WHERE action = 'rules.reload' ORDER BY id DESC")
                .query(String.class).list()).startsWith("REFUSED", "REFUSED", "SUCCESS");
        assertThat(jdbc.sql("SELECT actor FROM audit_event WHERE action = 'rules.reload' ORDER BY id DESC")
                .query(String.class).list()).first().isEqualTo("dora");
    }

    @Test
    void aFailingHandOverCaseKeepsTheOldRules() throws Exception {
        edit("upset.drl", "sentimentScore <= -0.6", "sentimentScore <= -0.8");

        JsonNode refused = reload(422);

        assertThat(refused.get("failingCases").toString()).contains("handover-cases.csv line ", "expected person true but got false");
        assertThat(routing.handsOverToPerson(java.util.Set.of(), -0.7)).isTrue();
    }

    @Test
    void rollbackMakesAnEarlierVersionLiveAgainInOneCallAfterTheSameChecks() throws Exception {
        long original = deployment.liveVersion();
        emailGetsNormalPriority();
        long changed = reload(200).get("version").asLong();
        assertThat(routing.decide(ORDER_EMAIL).getPriority()).isEqualTo(Priority.NORMAL);

        JsonNode rolledBack = call(post("/api/rules/versions/{version}/activate", original).with(DESIGNER), 200);

        assertThat(rolledBack.get("version").asLong()).isEqualTo(original);
        assertThat(routing.decide(ORDER_EMAIL).getPriority()).isEqualTo(Priority.LOW);
        JsonNode list = call(get("/api/rules/versions").with(DESIGNER), 200);
        assertThat(list.findValues("version").stream().map(JsonNode::asLong)).contains(original, changed);
        for (JsonNode version : list) {
            assertThat(version.get("live").asBoolean()).as("version %s", version.get("version"))
                    .isEqualTo(version.get("version").asLong() == original);
            assertThat(version.get("hash").asText()).hasSize(64);
        }
        JsonNode live = list.findParents("live").stream().filter(v -> v.get("live").asBoolean()).findFirst().orElseThrow();
        assertThat(live.get("activatedBy").asText()).isEqualTo("dora");
        assertThat(live.get("reason").asText()).isEqualTo("rollback");
        assertThat(live.get("files").toString()).contains("routing.drl", "priority-matrix.csv", "tests/routing-cases.csv");
        assertThat(jdbc.sql("SELECT outcome FROM audit_event WHERE action = 'rules.activate' ORDER BY id DESC")
                .query(String.class).list()).first().isEqualTo("SUCCESS");

        call(post("/api/rules/versions/{version}/activate", 987654).with(DESIGNER), 404);
        call(post("/api/rules/versions/{version}/activate", changed).with(SUPERVISOR), 403);
        assertThat(routing.decide(ORDER_EMAIL).getPriority()).isEqualTo(Priority.LOW);
    }

    @Test
    void theFileWatchAppliesAGoodEditAndRefusesABrokenOne() throws Exception {
        long before = deployment.liveVersion();
        emailGetsNormalPriority();

        deployment.refresh();

        assertThat(deployment.liveVersion()).isGreaterThan(before);
        assertThat(routing.decide(ORDER_EMAIL).getPriority()).isEqualTo(Priority.NORMAL);
        long watched = deployment.liveVersion();

        edit("routing.drl", "routeTo(\"billing_team\"", "routeTo(\"nowhere\"");
        deployment.refresh();

        assertThat(deployment.liveVersion()).isEqualTo(watched);
        assertThat(routing.decide(BILLING_WEB).getQueue()).isEqualTo("billing_team");
        assertThat(jdbc.sql("SELECT outcome FROM audit_event WHERE action = 'rules.watch' ORDER BY id DESC")
                .query(String.class).list()).startsWith("REFUSED", "SUCCESS");
    }

    @Test
    void followingTheClusterEveryFewSecondsHoldsNoConnection(@Autowired javax.sql.DataSource dataSource) throws Exception {
        com.zaxxer.hikari.HikariPoolMXBean pool = dataSource.unwrap(com.zaxxer.hikari.HikariDataSource.class)
                .getHikariPoolMXBean();
        int before = pool.getActiveConnections();

        for (int i = 0; i < 40; i++) {
            deployment.refresh();
        }

        assertThat(pool.getActiveConnections()).as("connections in use after 40 refreshes").isLessThanOrEqualTo(before + 2);
    }

    @Test
    void anotherNodeMakesLiveTheVersionThisNodeActivated(@Autowired ApplicationEventPublisher events,
            @Autowired Clock clock, @Autowired RulesProperties settings, @Autowired PlatformTransactionManager transactions)
            throws Exception {
        Path otherHome = home("kefu-other-node");
        RoutingRules otherRules = new RoutingRules(new KefuHome(otherHome.toString()));
        RuleDeployment otherNode = new RuleDeployment(otherRules, versions, events, clock, settings, transactions);
        otherNode.start();
        assertThat(otherNode.liveVersion()).isEqualTo(deployment.liveVersion());

        emailGetsNormalPriority();
        long changed = reload(200).get("version").asLong();
        otherNode.refresh();

        assertThat(otherNode.liveVersion()).isEqualTo(changed);
        assertThat(otherRules.decide(ORDER_EMAIL).getPriority()).isEqualTo(Priority.NORMAL);
        assertThat(otherRules.live().files().get("priority-matrix.csv")).contains("normal priority,STANDARD,EMAIL");
    }

    @Test
    void aSimulationReplaysTheLastTicketsAsRoutedAndShowsExactlyWhatTheCandidateChanges() throws Exception {
        TestTickets tickets = TestTickets.in(context);
        context.getBean(CustomerService.class).register("sim-vip", "sim-vip", CustomerTier.VIP);
        long billing1 = tickets.queued("sim-a", "My invoice is wrong", Topic.BILLING);
        long order = tickets.queued("sim-b", "Where is my parcel?", Topic.ORDER);
        long billing2 = tickets.queued("sim-c", "Refund please", Topic.BILLING);
        long vipBilling = tickets.queued("sim-vip", "Invoice question", Topic.BILLING);
        long stored = storedVersions();
        String candidate = Files.readString(Path.of("rules/routing.drl"))
                .replace("RoutingRequest(topic == Topic.BILLING)\n    $decision : RoutingDecision()\nthen\n    $decision.routeTo(\"billing_team\"",
                        "RoutingRequest(topic == Topic.BILLING)\n    $decision : RoutingDecision()\nthen\n    $decision.routeTo(\"general_support\"")
                .replace("topic != Topic.BILLING, ", "");
        assertThat(candidate).contains("routeTo(\"general_support\"").doesNotContain("routeTo(\"billing_team\"");

        JsonNode result = call(post("/api/rules/simulate").with(DESIGNER).contentType(MediaType.APPLICATION_JSON)
                .content(json.writeValueAsString(Map.of("files", Map.of("routing.drl", candidate), "tickets", 4))), 200);

        assertThat(iterable(result.fieldNames())).containsExactlyInAnyOrder("tickets", "changed", "changes", "load");
        assertThat(result.get("tickets").asInt()).isEqualTo(4);
        assertThat(result.get("changed").asInt()).isEqualTo(3);
        assertThat(result.get("changes").findValues("ticketId").stream().map(JsonNode::asLong))
                .containsExactly(vipBilling, billing2, billing1);
        JsonNode first = result.get("changes").get(0);
        assertThat(json.treeToValue(first.get("before"), Map.class))
                .isEqualTo(Map.of("queue", "billing_team", "priority", "HIGH", "slaPolicy", "vip"));
        assertThat(json.treeToValue(first.get("after"), Map.class))
                .isEqualTo(Map.of("queue", "general_support", "priority", "HIGH", "slaPolicy", "vip"));
        assertThat(json.treeToValue(result.get("load"), Map.class)).isEqualTo(Map.of(
                "before", Map.of("billing_team", 3, "general_support", 1),
                "after", Map.of("general_support", 4)));
        assertThat(result.get("changes").toString()).doesNotContain("\"ticketId\":" + order + ",");

        assertThat(storedVersions()).as("a candidate is never stored").isEqualTo(stored);
        assertThat(routing.decide(BILLING_WEB).getQueue()).as("nor live").isEqualTo("billing_team");

        JsonNode none = call(post("/api/rules/simulate").with(DESIGNER).contentType(MediaType.APPLICATION_JSON)
                .content("{\"tickets\": 4}"), 200);
        assertThat(none.get("changed").asInt()).as("the live rules change nothing").isZero();
        JsonNode window = call(post("/api/rules/simulate").with(DESIGNER).contentType(MediaType.APPLICATION_JSON)
                .content(json.writeValueAsString(Map.of("files", Map.of("routing.drl", candidate),
                        "from", java.time.Instant.now().minusSeconds(3600).toString(),
                        "to", java.time.Instant.now().plusSeconds(60).toString()))), 200);
        assertThat(window.get("tickets").asInt()).as("a date range instead of a number").isEqualTo(4);
        assertThat(window.get("changed").asInt()).isEqualTo(3);
        JsonNode future = call(post("/api/rules/simulate").with(DESIGNER).contentType(MediaType.APPLICATION_JSON)
                .content("{\"from\": \"2999-01-01T00:00:00Z\"}"), 200);
        assertThat(future.get("tickets").asInt()).isZero();
        call(post("/api/rules/simulate").with(DESIGNER).contentType(MediaType.APPLICATION_JSON)
                .content("{\"from\": \"2026-01-02T00:00:00Z\", \"to\": \"2026-01-01T00:00:00Z\"}"), 400);

        JsonNode ticket = call(get("/api/tickets/{id}", billing1).with(SUPERVISOR), 200);
        assertThat(ticket.at("/routing/rules").toString()).contains("Billing questions go to the billing team");
        assertThat(ticket.at("/routing/explanation").asText()).startsWith(
                "Queue billing_team, because billing questions go to the billing team. Priority NORMAL, because ");
    }

    @Test
    void aSimulationWithAHostileOrBrokenCandidateIsRefusedAndRunsNothing() throws Exception {
        Path marker = home().resolve("pwned");
        String hostile = """
                package io.kefu.routing;
                rule "exfiltrate"
                when
                    $d : RoutingDecision()
                then
                    java.nio.file.Files.writeString(java.nio.file.Path.of("%s"), "x");
                end
                """.formatted(marker);

        JsonNode refused = call(post("/api/rules/simulate").with(DESIGNER).contentType(MediaType.APPLICATION_JSON)
                .content(json.writeValueAsString(Map.of("files", Map.of("evil.drl", hostile)))), 422);

        assertThat(refused.get("detail").asText()).contains("rules policy", "evil.drl");
        assertThat(marker).doesNotExist();
        JsonNode broken = call(post("/api/rules/simulate").with(DESIGNER).contentType(MediaType.APPLICATION_JSON)
                .content(json.writeValueAsString(Map.of("files", Map.of("routing.drl",
                        "package io.kefu.routing;\nrule \"x\" when RoutingRequest(tier == ) then end")))), 422);
        assertThat(broken.get("detail").asText()).contains("routing.drl");
        call(post("/api/rules/simulate").with(DESIGNER).contentType(MediaType.APPLICATION_JSON)
                .content(json.writeValueAsString(Map.of("files", Map.of("../escape.drl", "x")))), 422);
        call(post("/api/rules/simulate").with(DESIGNER).contentType(MediaType.APPLICATION_JSON)
                .content("{\"tickets\": 0}"), 400);
        call(post("/api/rules/simulate").with(SUPERVISOR).contentType(MediaType.APPLICATION_JSON).content("{}"), 403);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE action = 'rules.simulate' AND outcome = 'REFUSED'")
                .query(Long.class).single()).isGreaterThanOrEqualTo(3);
    }

    static <T> List<T> iterable(java.util.Iterator<T> values) {
        List<T> list = new java.util.ArrayList<>();
        values.forEachRemaining(list::add);
        return list;
    }
}
