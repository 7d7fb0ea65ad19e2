package io.kefu.routing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import io.kefu.config.KefuHome;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Rules uploaded through the API may use the rule language over the routing facts and nothing
 * else: hostile candidates (Java in consequences, method calls and reflection in constraints,
 * imports, functions, globals, {@code from}, {@code eval}, unicode escapes) are refused with what broke
 * the policy, and the repository's own rule files pass it.
 */
class CandidateRulePolicyTest {

    static final String HEADER = "package io.kefu.routing;\nimport io.kefu.ticket.Priority;\n";

    static String rule(String when, String then) {
        return HEADER + "rule \"candidate\"\nwhen\n    " + when + "\nthen\n    " + then + "\nend\n";
    }

    @Test
    void theRepositorysRuleFilesAndDecisionTablePassThePolicy() {
        RuleFiles files = RuleFiles.read(new KefuHome("."));
        files.drl().forEach((name, drl) -> {
            if (!name.equals("upset.drl")) {
                assertThatCode(() -> CandidateRulePolicy.checkDrl(name, drl)).as(name).doesNotThrowAnyException();
            }
        });
    }

    @Test
    void anOrdinaryCandidateRulePasses() {
        assertThatCode(() -> CandidateRulePolicy.checkDrl("routing.drl", rule(
                "RoutingRequest(tier == CustomerTier.VIP, intents contains \"refund\", sentimentScore <= -0.2 || upset(sentimentScore, intents))\n"
                        + "    $decision : RoutingDecision()",
                "$decision.prioritise(Priority.URGENT, drools.getRule().getName());\n    $decision.routeTo(\"vip_desk\", \"named\");")
                .replace("import io.kefu.ticket.Priority;", "import io.kefu.ticket.Priority;\nimport io.kefu.customer.CustomerTier;")))
                .doesNotThrowAnyException();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            System.exit in the consequence       | $d : RoutingDecision()                                   | System.exit(1);
            file write in the consequence        | $d : RoutingDecision()                                   | java.nio.file.Files.writeString(java.nio.file.Path.of("/tmp/x"), "x");
            a thread in the consequence          | $d : RoutingDecision()                                   | new Thread(() -> {}).start();
            a loop in the consequence            | $d : RoutingDecision()                                   | while (true) { }
            a second statement after a call      | $d : RoutingDecision()                                   | $d.routeTo("a", "r"); Runtime.getRuntime().exec("id");
            a computed argument                  | $d : RoutingDecision()                                   | $d.routeTo(System.getenv("HOME"), "r");
            a method call in a constraint        | RoutingRequest(intents.getClass().getName() != null)     | 
            reflection in a constraint           | RoutingRequest(java.lang.Runtime.getRuntime() != null)   | 
            a static call in a constraint        | RoutingRequest(String.valueOf(tier) == "VIP")            | 
            eval                                 | eval(System.currentTimeMillis() > 0)                     | 
            from an expression                   | String() from java.lang.System.getProperty("user.home")  | 
            a pattern of another class           | java.io.File()                                           | 
            accumulate                           | Number() from accumulate(RoutingRequest(), count(1))      | 
            """)
    void aHostileRuleIsRefused(String what, String when, String then) {
        assertThatThrownBy(() -> CandidateRulePolicy.checkDrl("evil.drl", rule(when, then == null ? "" : then)))
                .as(what)
                .isInstanceOf(RuleSetInvalidException.class)
                .hasMessageContaining("rules policy")
                .hasMessageContaining("evil.drl");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "package io.kefu.routing;\nimport java.lang.reflect.Method;\nrule \"r\" when RoutingRequest() then end",
            "package io.kefu.routing;\nimport function java.lang.System.exit;\nrule \"r\" when RoutingRequest() then end",
            "package io.kefu.routing;\nglobal java.util.List leak;\nrule \"r\" when RoutingRequest() then end",
            "package io.kefu.routing;\nfunction void f() { System.exit(1); }\nrule \"r\" when RoutingRequest() then end",
            "package io.kefu.routing;\ndeclare Evil name : String end\nrule \"r\" when RoutingRequest() then end",
            "package io.kefu.routing;\nquery \"q\" RoutingRequest() end",
            "package io.kefu.routing;\nrule \"r\" dialect \"mvel\" when RoutingRequest() then end",
            "package io.kefu.routing;\nrule \"r\" timer (int: 1s 1s) when RoutingRequest() then end",
            "package io.kefu.routing;\nrule \"r\" when $d : RoutingDecision() then $d.routeTo(\"a\\u0022); System.exit(1); //\", \"r\"); end",
            "package java.lang;\nrule \"r\" when RoutingRequest() then end"})
    void aHostileFileIsRefused(String drl) {
        assertThatThrownBy(() -> CandidateRulePolicy.checkDrl("evil.drl", drl))
                .isInstanceOf(RuleSetInvalidException.class)
                .hasMessageContaining("rules policy");
    }

    @Test
    void aHostileDecisionTableIsRefusedAsTheDrlItCompilesTo() throws Exception {
        String table = Files.readString(Path.of("rules/priority-matrix.csv"))
                .replace("\"prioritise(Priority.$param, drools.getRule().getName());\"",
                        "\"prioritise(Priority.$param, drools.getRule().getName()); System.exit(1);\"");
        RuleFiles files = new RuleFiles(new java.util.TreeMap<>(Map.of("priority-matrix.csv", table)));

        assertThatThrownBy(() -> CandidateRulePolicy.checkDrl("priority-matrix.csv", files.drl().get("priority-matrix.csv")))
                .isInstanceOf(RuleSetInvalidException.class)
                .hasMessageContaining("found 'System'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"../routing.drl", "tests/routing-cases.csv", "routing.java", "a b.drl", ".hidden.drl"})
    void filesOnlyOfRulesItselfMayBeUploaded(String name) {
        assertThatThrownBy(() -> CandidateRulePolicy.checkFiles(Map.of(name, "x"), 1000))
                .isInstanceOf(RuleSetInvalidException.class)
                .hasMessageContaining(name);
    }

    @Test
    void uploadsAreSizeLimitedAndCsvFilesMustBeDecisionTables() {
        assertThatThrownBy(() -> CandidateRulePolicy.checkFiles(Map.of("big.drl", "x".repeat(2000)), 1000))
                .hasMessageContaining("2000 bytes");
        assertThatThrownBy(() -> CandidateRulePolicy.checkFiles(Map.of("cases.csv", "tier,topic\n"), 1000))
                .hasMessageContaining("no decision table");
    }
}
