package io.kefu.routing;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.ArgumentsProvider;
import org.junit.jupiter.params.provider.ArgumentsSource;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.kie.api.KieBase;

import io.kefu.config.KefuHome;
import io.kefu.customer.CustomerTier;
import io.kefu.ticket.Channel;
import io.kefu.ticket.Priority;
import io.kefu.ticket.Topic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

/**
 * {@code rules/routing.drl} against the table in {@code rules/tests/routing-cases.csv}, one test
 * per row, plus the go-live checks. The rules are compiled here without the go-live case check, so
 * a wrong row (or a rule that breaks it) fails as that row alone.
 */
class RoutingRulesTest {

    /** Configuration parameter naming another case table; only {@link #aWrongRowFailsAloneAndSaysItsLine} sets it. */
    static final String CASES = "kefu.test.routing-cases";
    static final Path TABLE = Path.of("rules/tests/routing-cases.csv");

    static KieBase rules;

    @BeforeAll
    static void compileTheRulesFolder() {
        rules = RoutingRules.compile(new KefuHome("."));
    }

    static RoutingDecision decide(RoutingRequest request) {
        return RoutingRules.decide(rules, request);
    }

    /** Every row of the case table (or of the one {@link #CASES} names), named by its line and expectation. */
    static class TableRows implements ArgumentsProvider {
        @Override
        public Stream<? extends Arguments> provideArguments(ExtensionContext context) throws IOException {
            Path table = context.getConfigurationParameter(CASES).map(Path::of).orElse(TABLE);
            return read(table).stream().map(c -> Arguments.of(Named.of(table.getFileName() + " line " + c.line()
                    + ": " + c.tier() + " + " + c.topic() + " via " + c.channel() + ", intents " + c.intents()
                    + ", sentiment " + c.sentimentScore() + " -> " + c.queue() + " / " + c.priority(), c)));
        }
    }

    @ParameterizedTest(name = "{0}")
    @ArgumentsSource(TableRows.class)
    void routesAsItsRowOfTheCaseTableSays(RoutingTestCase row) {
        RoutingDecision decision = decide(row.request());

        assertThat(row.mismatches(decision))
                .as("line %d expects %s / %s, skills %s, SLA policy %s; fired %s", row.line(), row.queue(),
                        row.priority(), row.skills(), row.slaPolicy(), decision.getFiredRules())
                .isEmpty();
    }

    @Test
    void skillRulesAddUpAndTheSlaPolicyFollowsTheTier() {
        RoutingDecision vipTech = decide(new RoutingRequest(CustomerTier.VIP, Topic.TECHNICAL, Channel.WEB));
        RoutingDecision billing = decide(new RoutingRequest(CustomerTier.STANDARD, Topic.BILLING, Channel.EMAIL));
        RoutingDecision order = decide(new RoutingRequest(CustomerTier.STANDARD, Topic.ORDER, Channel.WEB));

        assertThat(vipTech.getRequiredSkills()).containsExactly("tech.senior");
        assertThat(vipTech.getSlaPolicy()).isEqualTo("vip");
        assertThat(billing.getRequiredSkills()).containsExactly("billing");
        assertThat(billing.getSlaPolicy()).isEqualTo("standard");
        assertThat(order.getRequiredSkills()).isEmpty();
        assertThat(order.getFiredRules()).contains("Standard customers are served under the standard SLA policy");
    }

    @Test
    void aWrongRowFailsAloneAndSaysItsLine(@TempDir Path dir) throws IOException {
        RoutingTestCase row = read(TABLE).get(0);
        String wrongQueue = row.queue().equals("general_support") ? "billing_team" : "general_support";
        List<String> lines = new ArrayList<>(Files.readAllLines(TABLE));
        lines.set(row.line() - 1, lines.get(row.line() - 1).replace("," + row.queue() + ",", "," + wrongQueue + ","));
        Path table = Files.write(dir.resolve("routing-cases.csv"), lines);

        List<String> passed = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectMethod(RoutingRulesTest.class, "routesAsItsRowOfTheCaseTableSays",
                        RoutingTestCase.class.getName()))
                .configurationParameter(CASES, table.toString())
                .build();
        Launcher launcher = LauncherFactory.create();
        launcher.execute(request, new TestExecutionListener() {
            @Override
            public void executionFinished(TestIdentifier test, TestExecutionResult result) {
                if (test.isTest()) {
                    (result.getStatus() == TestExecutionResult.Status.SUCCESSFUL ? passed : failed)
                            .add(test.getDisplayName() + result.getThrowable().map(t -> " " + t.getMessage()).orElse(""));
                }
            }
        });

        assertThat(failed).singleElement().asString()
                .startsWith("routing-cases.csv line " + row.line() + ": " + row.tier() + " + " + row.topic())
                .contains("line " + row.line() + " expects " + wrongQueue + " / " + row.priority(),
                        "queue " + wrongQueue + " but got " + row.queue());
        assertThat(passed).hasSize(read(TABLE).size() - 1);
    }

    @Test
    void theFoldersRulesGoLiveBecauseEveryCasePasses() {
        assertThatCode(() -> new RoutingRules(new KefuHome("."))).doesNotThrowAnyException();
    }

    static List<RoutingTestCase> read(Path table) throws IOException {
        try (Reader csv = Files.newBufferedReader(table)) {
            return RoutingTestCase.parse(csv);
        }
    }

    @Test
    void theCaseTableCoversEveryTierAndTopic() throws IOException {
        List<RoutingTestCase> table = read(TABLE);
        for (CustomerTier tier : CustomerTier.values()) {
            for (Topic topic : Topic.values()) {
                assertThat(table).as("a case for %s + %s", tier, topic)
                        .anyMatch(c -> c.tier() == tier && c.topic() == topic);
            }
        }
    }

    @Test
    void vipTechnicalGoesToSeniorSupportWithHighPriorityAndSaysWhy() {
        RoutingDecision decision = decide(new RoutingRequest(CustomerTier.VIP, Topic.TECHNICAL, Channel.WEB));

        assertThat(decision.getQueue()).isEqualTo("senior_tech_support");
        assertThat(decision.getPriority()).isEqualTo(Priority.HIGH);
        assertThat(decision.getFiredRules()).containsExactlyInAnyOrder(
                "VIP technical questions go to senior technical support", "VIP customers get high priority",
                "VIP technical questions need a senior technician", "VIP customers are served under the vip SLA policy");
    }

    @Test
    void aComplaintFromAStandardCustomerWritingEmailJumpsToHighPriorityAndSaysWhy() {
        RoutingDecision decision = decide(new RoutingRequest(CustomerTier.STANDARD, Topic.ORDER, Channel.EMAIL,
                Set.of("shipping_delay", "complaint"), 0.2));

        assertThat(decision.getQueue()).isEqualTo("general_support");
        assertThat(decision.getPriority()).isEqualTo(Priority.HIGH);
        assertThat(decision.getFiredRules()).contains("Upset standard customers get high priority");
    }

    @Test
    void aStronglyNegativeVipIsUrgentWhileAMildlyNegativeOneStaysHigh() {
        assertThat(decide(new RoutingRequest(CustomerTier.VIP, Topic.TECHNICAL, Channel.WEB, Set.of(), -0.85))
                .getPriority()).isEqualTo(Priority.URGENT);
        assertThat(decide(new RoutingRequest(CustomerTier.VIP, Topic.TECHNICAL, Channel.WEB, Set.of(), -0.3))
                .getPriority()).isEqualTo(Priority.HIGH);
    }

    @Test
    void aCaseTableWithoutARequiredColumnIsRefusedWithItsHeader() {
        assertThatThrownBy(() -> RoutingTestCase.parse(new java.io.StringReader("tier,topic,queue,priority\n")))
                .isInstanceOf(RuleSetInvalidException.class)
                .hasMessageContaining("line 1")
                .hasMessageContaining("channel");
    }

    @Test
    void aRuleSetThatDoesNotCompileIsRefusedWithItsFileAndLine(@TempDir Path home) throws IOException {
        Files.createDirectories(home.resolve("rules"));
        Files.writeString(home.resolve("rules/routing.drl"), """
                package io.kefu.routing;
                rule "broken"
                when
                    RoutingRequest(tier == NoSuchEnum.VIP)
                then
                end
                """);

        assertThatThrownBy(() -> new RoutingRules(new KefuHome(home.toString())))
                .isInstanceOf(RuleSetInvalidException.class)
                .hasMessageContaining("do not compile")
                .hasMessageContaining("routing.drl");
    }

    @Test
    void anEditThatBreaksATestCaseNeverReplacesTheLiveRules(@TempDir Path home) throws IOException {
        copyRulesFolder(home);
        RoutingRules live = new RoutingRules(new KefuHome(home.toString()));

        Files.writeString(home.resolve("rules/routing.drl"), Files.readString(home.resolve("rules/routing.drl"))
                .replace("\"billing_team\"", "\"general_support\""));

        assertThatThrownBy(live::reload)
                .isInstanceOf(RuleSetInvalidException.class)
                .hasMessageContaining("routing-cases.csv line ")
                .hasMessageContaining("expected queue billing_team but got general_support");
        assertThat(live.decide(new RoutingRequest(CustomerTier.STANDARD, Topic.BILLING, Channel.WEB)).getQueue())
                .as("the running rules stay")
                .isEqualTo("billing_team");
    }

    /** A copy of the repository's {@code rules/} under {@code home}, to edit in a test. */
    static void copyRulesFolder(Path home) throws IOException {
        Path from = Path.of("rules");
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.toList()) {
                Path to = home.resolve("rules").resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(file, to);
                }
            }
        }
    }

    @Test
    void thePriorityMatrixGivesEveryTierChannelAndMoodExactlyOnePriority() {
        for (CustomerTier tier : CustomerTier.values()) {
            for (Channel channel : Channel.values()) {
                for (double sentiment : new double[] {0.3, -0.9}) {
                    RoutingDecision decision = decide(new RoutingRequest(tier, Topic.GENERAL, channel, Set.of(), sentiment));

                    assertThat(decision.getFiredRules().stream().filter(r -> r.contains("priority")))
                            .as("%s via %s, sentiment %s", tier, channel, sentiment).hasSize(1);
                }
            }
        }
    }

    @Test
    void theExplanationSaysPerPartWhichRulesDecided() {
        RoutingDecision decision = decide(new RoutingRequest(CustomerTier.STANDARD, Topic.BILLING, Channel.EMAIL));

        assertThat(decision.getExplanation()).isEqualTo(
                "Queue billing_team, because billing questions go to the billing team. "
                + "Priority LOW, because standard customers writing e-mail get low priority. "
                + "Skill billing, because billing questions need the billing skill. "
                + "SLA policy standard, because standard customers are served under the standard SLA policy.");
        assertThat(decide(new RoutingRequest(CustomerTier.VIP, Topic.ORDER, Channel.WEB)).getExplanation())
                .contains("Priority HIGH, because VIP customers get high priority.",
                        "No skill required: any agent of the queue.");
    }

    @Test
    void aDecisionTableRowThatDoesNotCompileIsRefusedWithItsRow(@TempDir Path home) throws IOException {
        copyRulesFolder(home);
        Path table = home.resolve("rules/priority-matrix.csv");
        Files.writeString(table, Files.readString(table).replace("VIP customers get high priority,VIP,",
                "VIP customers get high priority,PLATINUM,"));

        assertThatThrownBy(() -> new RoutingRules(new KefuHome(home.toString())))
                .isInstanceOf(RuleSetInvalidException.class)
                .hasMessageContaining("priority-matrix.csv row 11")
                .hasMessageContaining("PLATINUM");
    }

    @Test
    void rulesThatLeaveTheQueueUndecidedFailLoudly(@TempDir Path home) throws IOException {
        Files.createDirectories(home.resolve("rules"));
        Files.writeString(home.resolve("rules/routing.drl"), """
                package io.kefu.routing;
                import io.kefu.ticket.Priority;
                rule "priority only"
                when
                    $d : RoutingDecision()
                then
                    $d.prioritise(Priority.NORMAL, "priority only");
                end
                """);
        RoutingRules incomplete = new RoutingRules(new KefuHome(home.toString()));

        assertThatThrownBy(() -> incomplete.decide(new RoutingRequest(CustomerTier.VIP, Topic.ORDER, Channel.WEB)))
                .hasMessageContaining("decided no queue");
    }
}
