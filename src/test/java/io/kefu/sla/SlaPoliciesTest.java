package io.kefu.sla;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.kefu.config.KefuHome;
import io.kefu.customer.CustomerTier;
import io.kefu.ticket.Channel;
import io.kefu.ticket.Priority;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The shipped {@code rules/sla-policies.yaml} answers every row of {@code rules/tests/sla-cases.csv}; bad files are refused. */
class SlaPoliciesTest {

    static final SlaPolicies SHIPPED = SlaPolicies.load(new KefuHome("."));

    static List<SlaTestCase> shippedCases() throws IOException {
        try (Reader csv = Files.newBufferedReader(Path.of("rules", SlaPolicies.CASES_FILE))) {
            return SlaTestCase.parse(csv);
        }
    }

    @ParameterizedTest(name = "line {0}")
    @MethodSource("shippedCases")
    void shippedPoliciesGiveTheExpectedTargets(SlaTestCase expected) {
        SlaTargets actual = SHIPPED.targets(expected.policy(), expected.tier(), expected.priority(), expected.channel());

        assertThat(actual.firstResponse()).isEqualTo(expected.firstResponse());
        assertThat(actual.nextResponse()).isEqualTo(expected.nextResponse());
        assertThat(actual.resolution()).isEqualTo(expected.resolution());
        assertThat(actual.calendar().name()).isEqualTo(expected.calendar());
    }

    @Test
    void theShippedCalendarsLoad() {
        assertThat(SHIPPED.calendar("cn-office")).get().extracting(BusinessHours::zone)
                .hasToString("Asia/Shanghai");
        assertThat(SHIPPED.calendar("eu-office")).get().extracting(BusinessHours::zone)
                .hasToString("Europe/Berlin");
        assertThat(SHIPPED.names()).containsExactly("vip", "standard");
    }

    @Test
    void theFirstMatchingTargetWinsAndWildcardsMatchAnything() {
        SlaPolicies policies = SlaPolicies.parseText("""
                policies:
                  gold:
                    targets:
                      - tier: VIP
                        channel: "*"
                        priority: [HIGH, URGENT]
                        first-response: PT1M
                        next-response: PT2M
                        resolution: PT3M
                      - first-response: PT10M
                        next-response: PT20M
                        resolution: PT30M
                """, Map.of());

        assertThat(policies.targets("gold", CustomerTier.VIP, Priority.URGENT, Channel.EMAIL).firstResponse())
                .isEqualTo(Duration.ofMinutes(1));
        assertThat(policies.targets("gold", CustomerTier.STANDARD, Priority.URGENT, Channel.EMAIL).firstResponse())
                .isEqualTo(Duration.ofMinutes(10));
        assertThat(policies.targets("gold", CustomerTier.VIP, Priority.URGENT, Channel.WEB).calendar().isAlwaysOpen())
                .as("no calendar named: around the clock").isTrue();
    }

    @Test
    void aPolicyWithoutCatchAllTargetIsRefused() {
        assertThatThrownBy(() -> SlaPolicies.parseText("""
                policies:
                  gold:
                    targets:
                      - tier: VIP
                        first-response: PT1M
                        next-response: PT2M
                        resolution: PT3M
                """, Map.of())).isInstanceOf(SlaConfigurationException.class)
                .hasMessageContaining("policy gold").hasMessageContaining("last target must have no");
    }

    @Test
    void unknownCalendarsValuesAndDurationsAreRefusedWithTheirPlace() {
        String target = "\n        next-response: PT2M\n        resolution: PT3M\n";
        assertThatThrownBy(() -> SlaPolicies.parseText("policies:\n  gold:\n    calendar: moon\n    targets:\n"
                + "      - first-response: PT1M" + target, Map.of()))
                .hasMessageContaining("no calendar 'moon'");
        assertThatThrownBy(() -> SlaPolicies.parseText("policies:\n  gold:\n    targets:\n"
                + "      - first-response: 10 minutes" + target, Map.of()))
                .hasMessageContaining("gold target 1").hasMessageContaining("ISO-8601");
        assertThatThrownBy(() -> SlaPolicies.parseText("policies:\n  gold:\n    targets:\n"
                + "      - tier: PLATINUM\n        first-response: PT1M" + target, Map.of()))
                .hasMessageContaining("'PLATINUM' is no CustomerTier");
    }

    @Test
    void aFailingCaseKeepsThePoliciesFromLoading(@TempDir Path home) throws IOException {
        Files.createDirectories(home.resolve("rules/tests"));
        Files.copy(Path.of("rules/sla-policies.yaml"), home.resolve("rules/sla-policies.yaml"));
        Files.createDirectories(home.resolve("rules/calendars"));
        Files.copy(Path.of("rules/calendars/cn-office.yaml"), home.resolve("rules/calendars/cn-office.yaml"));
        Files.writeString(home.resolve("rules/tests/sla-cases.csv"), """
                policy,tier,priority,channel,first_response,next_response,resolution,calendar
                vip,VIP,URGENT,WEB,PT1M,PT10M,PT4H,always-open
                """);

        assertThatThrownBy(() -> SlaPolicies.load(new KefuHome(home.toString())))
                .isInstanceOf(SlaConfigurationException.class).hasMessageContaining("fails 1 case")
                .hasMessageContaining("line 2 vip/VIP/URGENT/WEB: expected PT1M");
    }
}
