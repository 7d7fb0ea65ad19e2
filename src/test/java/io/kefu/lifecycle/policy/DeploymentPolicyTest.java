package io.kefu.lifecycle.policy;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The deployment policy on its own: every model of the hostile corpus
 * ({@code src/test/resources/policy/hostile}, reasons in {@code expected.csv}) is refused naming the
 * element and the rule it broke; every model of {@code processes/} passes.
 */
class DeploymentPolicyTest {

    private static final Path CORPUS = Path.of("src/test/resources/policy/hostile");

    /** Kefu's delegate beans as the application names them, and some beans a model must never reach. */
    static DeploymentPolicy policy() {
        Set<String> delegates = Set.of("readImagesDelegate", "triageTicketDelegate", "findKnowledgeAnswerDelegate", "sendBotAnswerDelegate",
                "resolveByBotDelegate", "routeTicketDelegate", "resolveTicketDelegate", "closeTicketDelegate",
                "reopenTicketDelegate", "noteCustomerMessageDelegate", "ticketAssignmentListener",
                "escalateTicketDelegate", "openToWholeQueueDelegate",
                "sootheCustomerDelegate", "resolveRefundedDelegate", "handRefundToBillingDelegate", "followUpDueDelegate",
                "checkReminderDueDelegate");
        Set<String> all = new java.util.HashSet<>(delegates);
        all.addAll(Set.of("environment", "camelContext", "knowledgeService", "identityService", "runtimeService",
                "dataSource", "jdbcClient", "processEngine"));
        return new DeploymentPolicy(new ExpressionPolicy(() -> delegates, () -> Set.copyOf(all)), Set.of());
    }

    static Stream<Arguments> hostileModels() throws IOException {
        try (Reader in = Files.newBufferedReader(CORPUS.resolve("expected.csv"))) {
            List<CSVRecord> rows = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(in)
                    .getRecords();
            return rows.stream().map(r -> Arguments.of(r.get("file"), r.get("element"), r.get("rule"))).toList().stream();
        }
    }

    @ParameterizedTest(name = "{0} is refused: {2}")
    @MethodSource("hostileModels")
    void refusesEveryHostileModelNamingElementAndRule(String file, String element, String rule) throws IOException {
        List<PolicyViolation> violations = policy().check(file, Files.readAllBytes(CORPUS.resolve(file)));

        assertThat(violations).as(file).isNotEmpty();
        assertThat(violations).as(file).anySatisfy(v -> {
            assertThat(v.rule()).contains(rule);
            if (!element.isEmpty()) {
                assertThat(v.elementId()).isEqualTo(element);
            }
        });
    }

    @Test
    void theCorpusHoldsAtLeastTwentyFiveHostileModelsAndEveryFileIsListed() throws IOException {
        long rows = hostileModels().count();
        try (Stream<Path> files = Files.list(CORPUS)) {
            assertThat(files.filter(f -> !f.getFileName().toString().equals("expected.csv")).count()).isEqualTo(rows);
        }
        assertThat(rows).isGreaterThanOrEqualTo(25);
    }

    @Test
    void everyModelOfTheProcessesFolderPasses() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("processes"))) {
            List<Path> models = files.filter(f -> f.toString().endsWith(".bpmn") || f.toString().endsWith(".dmn")).toList();
            assertThat(models).isNotEmpty();
            for (Path model : models) {
                assertThat(policy().check(model.getFileName().toString(), Files.readAllBytes(model))).as(model.toString())
                        .isEmpty();
            }
        }
    }

    @Test
    void allowsReadingVariablesComparingThemAndCamundasFunctions() {
        ExpressionPolicy expressions = new ExpressionPolicy(() -> Set.of("routeTicketDelegate"), () -> Set.of("camelContext"));

        assertThat(expressions.violation("${execution.getVariable('botArticleId') != null}")).isEmpty();
        assertThat(expressions.violation("${tier == 'VIP' && sentiment < -0.6 ? 'HIGH' : priority}")).isEmpty();
        assertThat(expressions.violation("${order.items[0].amount > 100}")).isEmpty();
        assertThat(expressions.violation("${dateTime().plusDays(3).toDate()}")).isEmpty();
        assertThat(expressions.violation("${dateTime().getClass()}")).isPresent();
        assertThat(expressions.violation("${now()}")).isEmpty();
        assertThat(expressions.violation("${execution.processBusinessKey}")).isEmpty();
        assertThat(expressions.violation("P3D")).isEmpty();
    }
}
