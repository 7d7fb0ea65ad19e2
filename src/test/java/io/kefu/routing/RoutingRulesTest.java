package io.kefu.routing;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.kefu.config.KefuHome;
import io.kefu.customer.CustomerTier;
import io.kefu.ticket.Channel;
import io.kefu.ticket.Priority;
import io.kefu.ticket.Topic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code rules/routing.drl} against the table in {@code rules/tests/routing-cases.csv}, plus the go-live checks. */
class RoutingRulesTest {

    static RoutingRules rules;

    @BeforeAll
    static void compileTheRulesFolder() {
        rules = new RoutingRules(new KefuHome("."));
    }

    static Stream<Arguments> cases() throws IOException {
        try (Reader csv = Files.newBufferedReader(Path.of("rules/tests/routing-cases.csv"))) {
            return RoutingTestCase.parse(csv).stream()
                    .map(c -> Arguments.of(c.tier(), c.topic(), c.channel(), c.intents(), c.sentimentScore(),
                            c.queue(), c.priority()));
        }
    }

    @ParameterizedTest(name = "{0} + {1} via {2}, intents {3}, sentiment {4} -> {5} / {6}")
    @MethodSource("cases")
    void routesByTierTopicChannelAndTriageFacts(CustomerTier tier, Topic topic, Channel channel, Set<String> intents,
            double sentiment, String queue, Priority priority) {
        RoutingDecision decision = rules.decide(new RoutingRequest(tier, topic, channel, intents, sentiment));

        assertThat(decision.getQueue()).isEqualTo(queue);
        assertThat(decision.getPriority()).isEqualTo(priority);
    }

    @Test
    void theCaseTableCoversEveryTierAndTopic() throws IOException {
        List<RoutingTestCase> table;
        try (Reader csv = Files.newBufferedReader(Path.of("rules/tests/routing-cases.csv"))) {
            table = RoutingTestCase.parse(csv);
        }
        for (CustomerTier tier : CustomerTier.values()) {
            for (Topic topic : Topic.values()) {
                assertThat(table).as("a case for %s + %s", tier, topic)
                        .anyMatch(c -> c.tier() == tier && c.topic() == topic);
            }
        }
    }

    @Test
    void vipTechnicalGoesToSeniorSupportWithHighPriorityAndSaysWhy() {
        RoutingDecision decision = rules.decide(new RoutingRequest(CustomerTier.VIP, Topic.TECHNICAL, Channel.WEB));

        assertThat(decision.getQueue()).isEqualTo("senior_tech_support");
        assertThat(decision.getPriority()).isEqualTo(Priority.HIGH);
        assertThat(decision.getFiredRules()).containsExactlyInAnyOrder(
                "VIP technical questions go to senior technical support", "VIP customers get high priority");
    }

    @Test
    void aComplaintFromAStandardCustomerWritingEmailJumpsToHighPriorityAndSaysWhy() {
        RoutingDecision decision = rules.decide(new RoutingRequest(CustomerTier.STANDARD, Topic.ORDER, Channel.EMAIL,
                Set.of("shipping_delay", "complaint"), 0.2));

        assertThat(decision.getQueue()).isEqualTo("general_support");
        assertThat(decision.getPriority()).isEqualTo(Priority.HIGH);
        assertThat(decision.getFiredRules()).contains("Upset standard customers get high priority");
    }

    @Test
    void aStronglyNegativeVipIsUrgentWhileAMildlyNegativeOneStaysHigh() {
        assertThat(rules.decide(new RoutingRequest(CustomerTier.VIP, Topic.TECHNICAL, Channel.WEB, Set.of(), -0.85))
                .getPriority()).isEqualTo(Priority.URGENT);
        assertThat(rules.decide(new RoutingRequest(CustomerTier.VIP, Topic.TECHNICAL, Channel.WEB, Set.of(), -0.3))
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
        Files.createDirectories(home.resolve("rules/tests"));
        Files.copy(Path.of("rules/routing.drl"), home.resolve("rules/routing.drl"));
        Files.copy(Path.of("rules/tests/routing-cases.csv"), home.resolve("rules/tests/routing-cases.csv"));
        RoutingRules live = new RoutingRules(new KefuHome(home.toString()));

        Files.writeString(home.resolve("rules/routing.drl"), Files.readString(home.resolve("rules/routing.drl"))
                .replace("\"billing_team\"", "\"general_support\""));

        assertThatThrownBy(live::reload)
                .isInstanceOf(RuleSetInvalidException.class)
                .hasMessageContaining("expected billing_team");
        assertThat(live.decide(new RoutingRequest(CustomerTier.STANDARD, Topic.BILLING, Channel.WEB)).getQueue())
                .as("the running rules stay")
                .isEqualTo("billing_team");
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
