package io.kefu.routing;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.kie.api.KieBase;

import io.kefu.config.KefuHome;
import io.kefu.customer.CustomerTier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code rules/escalation.drl}: an upset VIP customer (as {@code routing.drl} defines "upset": a
 * complaint or a sentiment at or below -0.6) and any strongly negative customer (-0.85 or below)
 * escalate at once; everyone else waits for the first-response target.
 */
class EscalationRulesTest {

    static KieBase rules;

    @BeforeAll
    static void compile() {
        rules = RoutingRules.compile(new KefuHome("."));
    }

    @ParameterizedTest(name = "{0}, sentiment {1}, intents [{2}] -> at once: {3}")
    @CsvSource({
            "VIP     ,  0.2 , complaint        , true , Upset VIP customers escalate at once",
            "VIP     , -0.6 , ''               , true , Upset VIP customers escalate at once",
            "VIP     , -0.9 , refund           , true , Upset VIP customers escalate at once|Strongly negative customers escalate at once",
            "STANDARD, -0.85, ''               , true , Strongly negative customers escalate at once",
            "STANDARD, -0.7 , complaint        , false, ''",
            "STANDARD,  0.0 , complaint|refund , false, ''",
            "VIP     , -0.59, technical        , false, ''",
            "VIP     ,  0.5 , human_agent      , false, ''"})
    void upsetVipsAndStronglyNegativeCustomersEscalateAtOnce(CustomerTier tier, double sentiment, String intents,
            boolean atOnce, String fired) {
        EscalationDecision decision = RoutingRules.escalation(rules,
                new EscalationRequest(tier, labels(intents), sentiment));

        assertThat(decision.isAtOnce()).isEqualTo(atOnce);
        assertThat(decision.getFiredRules()).containsExactlyInAnyOrderElementsOf(labels(fired));
    }

    private static Set<String> labels(String cell) {
        return cell.isBlank() ? Set.of()
                : Arrays.stream(cell.split("\\|")).map(String::strip).collect(Collectors.toSet());
    }
}
