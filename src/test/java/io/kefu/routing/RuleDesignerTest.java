package io.kefu.routing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import io.kefu.customer.CustomerTier;
import io.kefu.testing.H2Database;
import io.kefu.testing.TestTickets;
import io.kefu.ticket.Channel;
import io.kefu.ticket.Topic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The rule designer's drafts through its page routes, as the browser sends them, on an application
 * whose {@code kefu.home} is a copy of the repository's {@code rules/}: a syntax error found with
 * its file and line, a change the test cases catch named by the case's line, Java in a consequence
 * refused by the rule language, a refused deployment that writes nothing, a passing one that
 * becomes the next version, rollback from the page, and file names outside {@code rules/} refused.
 */
@H2Database("rule-designer")
@SpringBootTest
@AutoConfigureMockMvc
class RuleDesignerTest {

    static final Path HOME = RuleDeploymentScenarios.home("kefu-rule-designer");
    static final RequestPostProcessor DESIGNER = user("dora").authorities(
            new SimpleGrantedAuthority("ROLE_DESIGNER"), new SimpleGrantedAuthority("GROUP_designers"));
    static final RequestPostProcessor AGENT = user("alice").authorities(
            new SimpleGrantedAuthority("ROLE_AGENT"), new SimpleGrantedAuthority("GROUP_agents"));
    static final RoutingRequest BILLING_WEB = new RoutingRequest(CustomerTier.STANDARD, Topic.BILLING, Channel.WEB);

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("kefu.home", HOME::toString);
        registry.add("kefu.rules.refresh-interval", () -> "PT1H");
    }

    @Autowired
    MockMvc mvc;
    @Autowired
    ObjectMapper json;
    @Autowired
    RuleDeployment deployment;
    @Autowired
    TicketRouting routing;
    @Autowired
    ApplicationContext context;

    @AfterEach
    void backToTheRepositorysRules() throws Exception {
        for (String file : List.of("routing.drl", "tests/routing-cases.csv")) {
            Files.copy(Path.of("rules", file), HOME.resolve("rules").resolve(file), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        Files.deleteIfExists(HOME.resolve("rules").resolve("extra.drl"));
        deployment.reload("test");
    }

    @Test
    void thePageShowsTheLiveFilesAndVersionsToDesignersOnly() throws Exception {
        String page = mvc.perform(get("/designer/rules").with(DESIGNER)).andExpect(status().isOk()).andReturn()
                .getResponse().getContentAsString();
        assertThat(page).contains("data-name=\"routing.drl\"", "data-name=\"tests/routing-cases.csv\"",
                "Billing questions go to the billing team", "data-version=\"" + deployment.liveVersion() + "\"");
        assertThat(mvc.perform(get("/designer/rules").param("lang", "zh").with(DESIGNER)).andReturn().getResponse()
                .getContentAsString()).contains("规则设计器", "生效中");
        mvc.perform(get("/designer/rules").with(AGENT)).andExpect(status().isForbidden());
    }

    @Test
    void aSyntaxErrorIsFoundWithItsFileAndLineAndTheRunningRulesStay() throws Exception {
        String broken = routingDrl().replaceFirst("(?s)(rule \"Billing questions go to the billing team\".*?)\\nend", "$1");
        JsonNode check = check(Map.of("routing.drl", broken));
        assertThat(check.get("valid").asBoolean()).isFalse();
        assertThat(check.get("compileErrors")).isNotEmpty().allSatisfy(p -> {
            assertThat(p.get("file").asText()).isEqualTo("routing.drl");
            assertThat(p.get("line").asInt()).isPositive();
        });
        assertThat(routing.decide(BILLING_WEB).getQueue()).isEqualTo("billing_team");
    }

    @Test
    void aChangeTheCasesCatchIsNamedByTheCasesLineAndItsDeploymentWritesNothing() throws Exception {
        long live = deployment.liveVersion();
        String changed = routingDrl().replace("$decision.routeTo(\"billing_team\"", "$decision.routeTo(\"general_support\"");
        JsonNode check = check(Map.of("routing.drl", changed));
        assertThat(check.get("valid").asBoolean()).isFalse();
        assertThat(check.get("compileErrors")).isEmpty();
        assertThat(check.get("cases").asInt()).isGreaterThan(10);
        assertThat(check.get("failingCases")).isNotEmpty().allSatisfy(p -> {
            assertThat(p.get("file").asText()).isEqualTo("tests/routing-cases.csv");
            assertThat(p.get("line").asInt()).isGreaterThan(1);
            assertThat(p.get("message").asText()).contains("billing_team");
        });

        JsonNode refused = json.readTree(deploy(Map.of("routing.drl", changed)).andExpect(status().isUnprocessableEntity())
                .andReturn().getResponse().getContentAsString());
        assertThat(refused.get("failingCases")).isNotEmpty();
        assertThat(Files.readString(HOME.resolve("rules/routing.drl"))).as("nothing written").isEqualTo(routingDrl());
        assertThat(deployment.liveVersion()).isEqualTo(live);
        assertThat(routing.decide(BILLING_WEB).getQueue()).isEqualTo("billing_team");
    }

    @Test
    void javaInAConsequenceIsRefusedByTheRuleLanguage() throws Exception {
        String hostile = routingDrl().replace("$decision.routeTo(\"billing_team\", drools.getRule().getName());",
                "System.exit(0);\n    $decision.routeTo(\"billing_team\", drools.getRule().getName());");
        JsonNode check = check(Map.of("routing.drl", hostile));
        assertThat(check.get("valid").asBoolean()).isFalse();
        assertThat(check.get("compileErrors").get(0).get("file").asText()).isEqualTo("routing.drl");
        deploy(Map.of("routing.drl", hostile)).andExpect(status().isUnprocessableEntity());
        assertThat(Files.readString(HOME.resolve("rules/routing.drl"))).isEqualTo(routingDrl());
    }

    @Test
    void aPassingDraftWithANewCaseDeploysAsTheNextVersionAndAnOlderOneComesBackFromThePage() throws Exception {
        long before = deployment.liveVersion();
        // A new rule file, and a case the new rule must satisfy, in one draft.
        String extra = """
                package io.kefu.routing;

                import io.kefu.ticket.Topic;

                rule "Order questions need the orders skill"
                when
                    RoutingRequest(topic == Topic.ORDER)
                    $decision : RoutingDecision()
                then
                    $decision.requireSkill("orders", drools.getRule().getName());
                end
                """;
        // Without the cases changed, the new rule breaks every ORDER case; with them, the draft passes.
        assertThat(check(Map.of("extra.drl", extra)).get("failingCases")).isNotEmpty();
        Map<String, String> draft = Map.of("extra.drl", extra, "tests/routing-cases.csv", ordersNeedTheSkill());
        JsonNode check = check(draft);
        assertThat(check.get("valid").asBoolean()).as(check.toString()).isTrue();

        JsonNode deployed = json.readTree(deploy(draft).andExpect(status().isOk()).andReturn()
                .getResponse().getContentAsString());
        long version = deployed.get("version").asLong();
        assertThat(version).isGreaterThan(before);
        assertThat(deployment.liveVersion()).isEqualTo(version);
        assertThat(Files.readString(HOME.resolve("rules/extra.drl"))).isEqualTo(extra);
        assertThat(routing.decide(new RoutingRequest(CustomerTier.STANDARD, Topic.ORDER, Channel.WEB)).getRequiredSkills())
                .contains("orders");
        JsonNode stored = json.readTree(mvc.perform(get("/designer/rules/versions/{v}", version).with(DESIGNER))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
        assertThat(stored.get("files").get("extra.drl").asText()).isEqualTo(extra);

        mvc.perform(post("/designer/rules/versions/{v}/activate", before).with(DESIGNER).with(csrf()))
                .andExpect(status().is3xxRedirection());
        assertThat(deployment.liveVersion()).isEqualTo(before);
        assertThat(routing.decide(new RoutingRequest(CustomerTier.STANDARD, Topic.ORDER, Channel.WEB)).getRequiredSkills())
                .doesNotContain("orders");
    }

    @Test
    void theReplayShowsWhichPastTicketsTheDraftWouldRouteElsewhereInThePagesLanguage() throws Exception {
        TestTickets tickets = TestTickets.in(context);
        long billing = tickets.queued("replay-a", "My invoice is wrong", Topic.BILLING);
        long order = tickets.queued("replay-b", "Where is my parcel?", Topic.ORDER);
        String changed = routingDrl().replace("$decision.routeTo(\"billing_team\"", "$decision.routeTo(\"general_support\"");
        // the case tables of a draft play no part in a replay
        JsonNode replay = json.readTree(mvc.perform(post("/designer/rules/replay").param("lang", "zh").with(DESIGNER).with(csrf())
                .contentType(MediaType.APPLICATION_JSON).content(json.writeValueAsString(Map.of("files",
                        Map.of("routing.drl", changed, "tests/routing-cases.csv", "not, a, case"), "tickets", 2))))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
        assertThat(replay.get("tickets").asInt()).isEqualTo(2);
        assertThat(replay.get("changed").asInt()).isEqualTo(1);
        assertThat(replay.get("changes").get(0).get("ticketId").asLong()).isEqualTo(billing);
        assertThat(replay.get("changes").get(0).get("before").get("queue").asText()).isEqualTo("billing_team");
        assertThat(replay.get("changes").get(0).get("after").get("queue").asText()).isEqualTo("general_support");
        assertThat(replay.get("changes").toString()).doesNotContain("\"ticketId\":" + order + ",");
        assertThat(replay.get("load").get("after").get("general_support").asInt()).isEqualTo(2);
        assertThat(replay.get("names").get("queue.billing_team").asText()).isEqualTo("账务组");
        assertThat(replay.get("names").get("priority.HIGH").asText()).isEqualTo("高");

        String hostile = routingDrl().replace("$decision.routeTo(\"billing_team\", drools.getRule().getName());",
                "System.exit(0);");
        JsonNode refused = json.readTree(mvc.perform(post("/designer/rules/replay").with(DESIGNER).with(csrf())
                .contentType(MediaType.APPLICATION_JSON).content(json.writeValueAsString(Map.of("files", Map.of("routing.drl", hostile)))))
                .andExpect(status().isUnprocessableEntity()).andReturn().getResponse().getContentAsString());
        assertThat(refused.get("detail").asText()).contains("policy");
        assertThat(routing.decide(BILLING_WEB).getQueue()).isEqualTo("billing_team");
    }

    @Test
    void aFileOutsideRulesOrAnEmptyDraftIsRefused() throws Exception {
        for (String name : List.of("../application.yml", "tests/../../x.csv", "/etc/passwd", "Routing.DRL", "notes.txt")) {
            mvc.perform(post("/designer/rules/check").with(DESIGNER).with(csrf()).contentType(MediaType.APPLICATION_JSON)
                    .content(json.writeValueAsString(Map.of("files", Map.of(name, "x"))))).andExpect(status().isBadRequest());
        }
        mvc.perform(post("/designer/rules/check").with(DESIGNER).with(csrf()).contentType(MediaType.APPLICATION_JSON)
                .content("{\"files\":{}}")).andExpect(status().isBadRequest());
        mvc.perform(post("/designer/rules/deploy").with(DESIGNER).contentType(MediaType.APPLICATION_JSON)
                .content("{\"files\":{\"extra.drl\":\"x\"}}")).andExpect(status().isForbidden());
        assertThat(Files.exists(HOME.resolve("rules/extra.drl"))).isFalse();
    }

    /** The repository's routing cases with every ORDER case that needs no skill expecting "orders". */
    private static String ordersNeedTheSkill() throws Exception {
        StringBuilder cases = new StringBuilder();
        for (String line : Files.readAllLines(Path.of("rules/tests/routing-cases.csv"))) {
            String[] columns = line.split(",", -1);
            if (columns.length == 9 && columns[1].equals("ORDER") && columns[7].isEmpty()) {
                columns[7] = "orders";
                line = String.join(",", columns);
            }
            cases.append(line).append('\n');
        }
        return cases.toString();
    }

    private String routingDrl() throws Exception {
        return Files.readString(Path.of("rules/routing.drl"));
    }

    private JsonNode check(Map<String, String> files) throws Exception {
        return json.readTree(mvc.perform(post("/designer/rules/check").with(DESIGNER).with(csrf())
                .contentType(MediaType.APPLICATION_JSON).content(json.writeValueAsString(Map.of("files", files))))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
    }

    private ResultActions deploy(Map<String, String> files) throws Exception {
        return mvc.perform(post("/designer/rules/deploy").with(DESIGNER).with(csrf())
                .contentType(MediaType.APPLICATION_JSON).content(json.writeValueAsString(Map.of("files", files))));
    }
}
