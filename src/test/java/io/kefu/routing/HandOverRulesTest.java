package io.kefu.routing;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.ArgumentsProvider;
import org.junit.jupiter.params.provider.ArgumentsSource;
import org.kie.api.KieBase;

import io.kefu.config.KefuHome;
import io.kefu.customer.CustomerTier;
import io.kefu.ticket.Channel;
import io.kefu.ticket.Priority;
import io.kefu.ticket.Topic;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code rules/handover.drl} against {@code rules/tests/handover-cases.csv}, one test per row: an upset
 * customer (as {@code rules/upset.drl} defines it, the same "upset" the priority matrix uses) or one
 * asking for a person goes straight to a person; everyone else may get the bot's answer.
 */
class HandOverRulesTest {

    static final Path TABLE = Path.of("rules/tests/handover-cases.csv");

    static KieBase rules;

    @BeforeAll
    static void compile() {
        rules = RoutingRules.compile(new KefuHome("."));
    }

    static class TableRows implements ArgumentsProvider {
        @Override
        public Stream<? extends Arguments> provideArguments(ExtensionContext context) throws IOException {
            try (Reader csv = Files.newBufferedReader(TABLE)) {
                return HandOverTestCase.parse(csv).stream().map(c -> Arguments.of(Named.of("handover-cases.csv line "
                        + c.line() + ": sentiment " + c.sentimentScore() + ", intents " + c.intents() + " -> person "
                        + c.person(), c)));
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @ArgumentsSource(TableRows.class)
    void upsetCustomersAndThoseAskingForAPersonGoStraightToAPerson(HandOverTestCase row) {
        HandOverDecision decision = RoutingRules.handOver(rules, row.request());

        assertThat(decision.isToPerson()).as("line %d", row.line()).isEqualTo(row.person());
        assertThat(decision.getFiredRules()).hasSize(row.person() ? 1 : 0);
    }

    @Test
    void handOverAndThePriorityMatrixAgreeOnWhoIsUpset() {
        for (double sentiment : new double[] {-1, -0.6, -0.59, 0, 0.8}) {
            for (Set<String> intents : List.of(Set.<String>of(), Set.of("complaint"))) {
                boolean person = RoutingRules.handOver(rules, new HandOverRequest(intents, sentiment)).isToPerson();
                Priority priority = RoutingRules.decide(rules, new RoutingRequest(CustomerTier.STANDARD, Topic.ORDER,
                        Channel.WEB, intents, sentiment)).getPriority();

                assertThat(priority == Priority.HIGH).as("sentiment %s, intents %s", sentiment, intents)
                        .isEqualTo(person);
            }
        }
    }
}
