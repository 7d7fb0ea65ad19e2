package io.kefu.routing;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.kie.api.KieBase;

import io.kefu.config.KefuHome;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code rules/handover.drl} on its own: an upset customer (as {@code routing.drl} defines it) or one
 * asking for a person goes straight to a person; everyone else may get the bot's answer.
 */
class HandOverRulesTest {

    static KieBase rules;

    @BeforeAll
    static void compile() {
        rules = RoutingRules.compile(new KefuHome(".").files("rules", "**/*.drl"));
    }

    @ParameterizedTest(name = "sentiment {0}, intents [{1}] -> person: {2}")
    @CsvSource({
            "-0.7, ''                  , true",
            "-0.6, refund              , true",
            "0.1 , shipping_delay|complaint, true",
            "0.2 , human_agent         , true",
            "0.9 , human_agent|refund  , true",
            "-0.59, refund             , false",
            "0.0 , ''                  , false",
            "0.5 , technical           , false"})
    void upsetCustomersAndThoseAskingForAPersonGoStraightToAPerson(double sentiment, String intents, boolean person) {
        Set<String> labels = intents.isBlank() ? Set.of()
                : Arrays.stream(intents.split("\\|")).map(String::strip).collect(Collectors.toSet());

        HandOverDecision decision = RoutingRules.handOver(rules, new HandOverRequest(labels, sentiment));

        assertThat(decision.isToPerson()).isEqualTo(person);
        assertThat(decision.getFiredRules()).hasSize(person ? 1 : 0);
    }
}
