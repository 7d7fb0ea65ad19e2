package io.kefu.routing;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
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
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.kie.api.KieBase;

import io.kefu.config.KefuHome;
import io.kefu.customer.CustomerTier;
import io.kefu.ticket.Channel;
import io.kefu.ticket.Topic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

/**
 * {@code rules/handover.drl} against {@code rules/tests/handover-cases.csv}, one test per row: an
 * upset customer (as {@code routing.drl} defines it) or one asking for a person goes straight to
 * a person; everyone else may get the bot's answer. The rules are compiled here without the
 * go-live case check, so a wrong row fails as that row alone (shown on a copy with one row made
 * wrong); the go-live check is tested below.
 */
class HandOverRulesTest {

    /** Configuration parameter naming another case table; only {@link #aWrongRowFailsAloneAndSaysItsLine} sets it. */
    static final String CASES = "kefu.test.handover-cases";
    static final Path TABLE = Path.of("rules/tests/handover-cases.csv");

    static KieBase rules;

    @BeforeAll
    static void compile() {
        rules = RoutingRules.compile(new KefuHome(".").files("rules", "**/*.drl"));
    }

    /** Every row of the case table (or of the one {@link #CASES} names), named by its line and expectation. */
    static class TableRows implements ArgumentsProvider {
        @Override
        public Stream<? extends Arguments> provideArguments(ExtensionContext context) throws IOException {
            Path table = context.getConfigurationParameter(CASES).map(Path::of).orElse(TABLE);
            return read(table).stream().map(c -> Arguments.of(Named.of(table.getFileName() + " line " + c.line()
                    + ": sentiment " + c.sentimentScore() + ", intents " + c.intents() + " -> to person: "
                    + c.toPerson(), c)));
        }
    }

    static List<HandOverTestCase> read(Path table) throws IOException {
        try (Reader csv = Files.newBufferedReader(table)) {
            return HandOverTestCase.parse(csv);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ArgumentsSource(TableRows.class)
    void handsOverAsItsRowOfTheCaseTableSays(HandOverTestCase row) {
        HandOverDecision decision = RoutingRules.handOver(rules, row.request());

        assertThat(decision.isToPerson()).as("line %d, fired %s", row.line(), decision.getFiredRules())
                .isEqualTo(row.toPerson());
        assertThat(decision.getFiredRules()).hasSize(row.toPerson() ? 1 : 0);
    }

    @Test
    void aWrongRowFailsAloneAndSaysItsLine(@TempDir Path dir) throws IOException {
        HandOverTestCase row = read(TABLE).get(0);
        List<String> lines = new ArrayList<>(Files.readAllLines(TABLE));
        String original = lines.get(row.line() - 1);
        String flipped = original.replaceFirst(row.toPerson() + "$", String.valueOf(!row.toPerson()));
        assertThat(flipped).as("line %d ends in its outcome", row.line()).isNotEqualTo(original);
        lines.set(row.line() - 1, flipped);
        Path table = Files.write(dir.resolve("handover-cases.csv"), lines);

        List<String> passed = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectMethod(HandOverRulesTest.class, "handsOverAsItsRowOfTheCaseTableSays",
                        HandOverTestCase.class.getName()))
                .configurationParameter(CASES, table.toString())
                .build();
        LauncherFactory.create().execute(request, new TestExecutionListener() {
            @Override
            public void executionFinished(TestIdentifier test, TestExecutionResult result) {
                if (test.isTest()) {
                    (result.getStatus() == TestExecutionResult.Status.SUCCESSFUL ? passed : failed)
                            .add(test.getDisplayName() + result.getThrowable().map(t -> " " + t.getMessage()).orElse(""));
                }
            }
        });

        assertThat(failed).singleElement().asString()
                .startsWith("handover-cases.csv line " + row.line() + ": sentiment " + row.sentimentScore())
                .contains("expected: " + !row.toPerson(), "but was: " + row.toPerson());
        assertThat(passed).hasSize(read(TABLE).size() - 1);
    }

    @Test
    void theCaseTableHasBothOutcomes() throws IOException {
        assertThat(read(TABLE)).extracting(HandOverTestCase::toPerson).contains(true, false);
    }

    @Test
    void anEditThatBreaksAHandOverCaseNeverReplacesTheLiveRules(@TempDir Path home) throws IOException {
        Files.createDirectories(home.resolve("rules/tests"));
        for (String file : List.of("routing.drl", "handover.drl", "tests/routing-cases.csv", "tests/handover-cases.csv")) {
            Files.copy(Path.of("rules", file), home.resolve("rules").resolve(file));
        }
        RoutingRules live = new RoutingRules(new KefuHome(home.toString()));

        Files.writeString(home.resolve("rules/handover.drl"), Files.readString(home.resolve("rules/handover.drl"))
                .replace(" || intents contains \"human_agent\"", ""));

        assertThatThrownBy(live::reload)
                .isInstanceOf(RuleSetInvalidException.class)
                .hasMessageContaining("handover-cases.csv line ")
                .hasMessageContaining("expected to_person true but got false");
        assertThat(live.handOver(new HandOverRequest(Set.of("human_agent"), 0.2)).isToPerson())
                .as("the running rules stay")
                .isTrue();
        assertThat(live.decide(new RoutingRequest(CustomerTier.VIP, Topic.TECHNICAL, Channel.WEB)).getQueue())
                .isEqualTo("senior_tech_support");
    }

    @Test
    void aCaseTableWithoutTheOutcomeColumnIsRefusedWithItsHeader() {
        assertThatThrownBy(() -> HandOverTestCase.parse(new StringReader("sentiment,intents\n-0.7,\n")))
                .isInstanceOf(RuleSetInvalidException.class)
                .hasMessageContaining("handover-cases.csv line 1")
                .hasMessageContaining("to_person");
    }

    @Test
    void aRowWhoseOutcomeIsNeitherTrueNorFalseIsRefusedWithItsLine() {
        assertThatThrownBy(() -> HandOverTestCase.parse(new StringReader("sentiment,intents,to_person\n-0.7,,maybe\n")))
                .isInstanceOf(RuleSetInvalidException.class)
                .hasMessageContaining("handover-cases.csv line 2")
                .hasMessageContaining("maybe");
    }
}
