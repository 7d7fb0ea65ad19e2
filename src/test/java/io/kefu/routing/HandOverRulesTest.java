package io.kefu.routing;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.kie.api.KieBase;

import io.kefu.config.KefuHome;
import io.kefu.customer.CustomerTier;
import io.kefu.ticket.Channel;
import io.kefu.ticket.Topic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code rules/handover.drl} against {@code rules/tests/handover-cases.csv}, one test per row: an
 * upset customer (as {@code routing.drl} defines it) or one asking for a person goes straight to
 * a person; everyone else may get the bot's answer. The rules are compiled here without the
 * go-live case check, so a wrong row fails as that row alone; the go-live check is tested below.
 */
class HandOverRulesTest {

    static final Path TABLE = Path.of("rules/tests/handover-cases.csv");

    static KieBase rules;

    @BeforeAll
    static void compile() {
        rules = RoutingRules.compile(new KefuHome(".").files("rules", "**/*.drl"));
    }

    static Stream<Arguments> rows() throws IOException {
        return read(TABLE).stream().map(c -> Arguments.of(Named.of(TABLE.getFileName() + " line " + c.line()
                + ": sentiment " + c.sentimentScore() + ", intents " + c.intents() + " -> to person: "
                + c.toPerson(), c)));
    }

    static List<HandOverTestCase> read(Path table) throws IOException {
        try (Reader csv = Files.newBufferedReader(table)) {
            return HandOverTestCase.parse(csv);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void handsOverAsItsRowOfTheCaseTableSays(HandOverTestCase row) {
        HandOverDecision decision = RoutingRules.handOver(rules, row.request());

        assertThat(decision.isToPerson()).as("line %d, fired %s", row.line(), decision.getFiredRules())
                .isEqualTo(row.toPerson());
        assertThat(decision.getFiredRules()).hasSize(row.toPerson() ? 1 : 0);
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
