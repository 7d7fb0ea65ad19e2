package io.kefu.routing;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.Message;
import org.kie.api.builder.ReleaseId;
import org.kie.api.io.ResourceType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.kefu.config.KefuHome;

/**
 * The live routing rule set: every rule file under {@code rules/} (DRL files and CSV decision tables),
 * compiled into one shared {@link KieBase}. A rule set goes live only when it compiles and every case
 * of {@code rules/tests/routing-cases.csv} and {@code rules/tests/handover-cases.csv} passes; the swap
 * is one atomic reference, so a decision runs wholly on the old or wholly on the new rules.
 */
public class RoutingRules {

    private static final Logger log = LoggerFactory.getLogger(RoutingRules.class);
    private static final AtomicLong BUILDS = new AtomicLong();
    private static final String KIE_PACKAGE_FOLDER = "io/kefu/routing/";
    private static final String KIE_FOLDER = "src/main/resources/" + KIE_PACKAGE_FOLDER;
    private static final Pattern ANALYSED_EXPRESSION = Pattern.compile("Expression (.+?):\\R");
    private static final Pattern GENERATED_ROW = Pattern.compile("^// rule values at [A-Z]+(\\d+)");

    /**
     * The rules answering now.
     *
     * @param version the stored version ({@code rule_set_version}), 0 while not stored
     */
    record Live(long version, RuleFiles files, String hash, KieBase base) {
    }

    private final KefuHome home;
    private final AtomicReference<Live> live = new AtomicReference<>();

    public RoutingRules(KefuHome home) {
        this.home = home;
        reload();
    }

    /** Decides queue, priority, skills and SLA policy; fails when the rules leave one undecided. */
    public RoutingDecision decide(RoutingRequest request) {
        return decide(live.get().base(), request);
    }

    /** Compiles and checks the folder's rules, then makes them live; throws and keeps the old set otherwise. */
    public synchronized void reload() {
        RuleFiles files = RuleFiles.read(home);
        swap(0, files, verify(files));
    }

    /** What answers now. */
    Live live() {
        return live.get();
    }

    /** The folder's rule set as it is now. */
    RuleFiles folder() {
        return RuleFiles.read(home);
    }

    /** Makes checked rules live, in one step. */
    void swap(long version, RuleFiles files, KieBase base) {
        live.set(new Live(version, files, files.hash(), base));
        log.info("Routing rules live: version {}, {} file(s), hash {}", version, files.contents().size(),
                files.hash().substring(0, 12));
    }

    /** Compiles the rule set and runs its test cases; throws {@link RuleSetInvalidException} saying what failed. */
    static KieBase verify(RuleFiles files) {
        KieBase candidate = compile(files);
        List<String> failures = check(candidate, files);
        if (!failures.isEmpty()) {
            throw new RuleSetInvalidException("Routing rules fail " + failures.size() + " test case(s):\n  "
                    + String.join("\n  ", failures), failures);
        }
        return candidate;
    }

    /** Compiles a rule set into a knowledge base, reporting every compiler error with its file and line. */
    static KieBase compile(RuleFiles files) {
        SortedMap<String, String> drl = files.drl();
        if (drl.isEmpty()) {
            throw new RuleSetInvalidException("No rule files (.drl or decision table .csv) in the rule set");
        }
        KieServices kie = KieServices.Factory.get();
        KieFileSystem kfs = kie.newKieFileSystem();
        ReleaseId release = kie.newReleaseId("io.kefu", "routing-rules", "1.0." + BUILDS.incrementAndGet());
        kfs.generateAndWritePomXML(release);
        drl.forEach((name, source) -> kfs.write(KIE_FOLDER + kieName(name),
                kie.getResources().newByteArrayResource(source.getBytes(StandardCharsets.UTF_8))
                        .setResourceType(ResourceType.DRL)));
        KieBuilder builder = kie.newKieBuilder(kfs).buildAll();
        List<Message> errors = builder.getResults().getMessages(Message.Level.ERROR);
        if (!errors.isEmpty()) {
            throw new RuleSetInvalidException("Routing rules do not compile:\n  " + errors.stream()
                    .map(m -> where(m, drl) + ": " + m.getText().strip())
                    .collect(Collectors.joining("\n  ")));
        }
        KieBase base = kie.newKieContainer(release).getKieBase();
        kie.getRepository().removeKieModule(release);
        return base;
    }

    /** The folder's rules compiled without the case check (tests check the rows one by one). */
    static KieBase compile(KefuHome home) {
        return compile(RuleFiles.read(home));
    }

    private static String kieName(String name) {
        return name.endsWith(".drl") ? name : name + ".drl";
    }

    /** "routing.drl line 12", or for a decision table "priority-matrix.csv row 10" (the row of the rule). */
    private static String where(Message message, SortedMap<String, String> drl) {
        String path = message.getPath() == null ? "" : message.getPath();
        int folder = path.indexOf(KIE_PACKAGE_FOLDER);
        String name = folder < 0 ? path : path.substring(folder + KIE_PACKAGE_FOLDER.length());
        if (drl.containsKey(name) || !name.endsWith(".drl")) {
            return name + " line " + message.getLine();
        }
        String table = name.substring(0, name.length() - ".drl".length());
        String[] lines = drl.getOrDefault(table, "").split("\\R");
        int line = message.getLine();
        Matcher expression = ANALYSED_EXPRESSION.matcher(message.getText());
        if (line <= 0 && expression.find()) {
            for (int i = 0; i < lines.length && line <= 0; i++) {
                if (lines[i].contains(expression.group(1))) {
                    line = i + 1;
                }
            }
        }
        for (int i = Math.min(line, lines.length) - 1; i >= 0; i--) {
            Matcher row = GENERATED_ROW.matcher(lines[i].strip());
            if (row.find()) {
                return table + " row " + row.group(1);
            }
        }
        return table + " (generated line " + message.getLine() + ")";
    }

    /** Whether a new ticket with these triage facts goes straight to a person ({@code rules/handover.drl}). */
    public HandOverDecision handOver(HandOverRequest request) {
        return handOver(live.get().base(), request);
    }

    /** Whether a routed ticket escalates at once ({@code rules/escalation.drl}). */
    public EscalationDecision escalation(EscalationRequest request) {
        return escalation(live.get().base(), request);
    }

    static EscalationDecision escalation(KieBase base, EscalationRequest request) {
        EscalationDecision decision = new EscalationDecision();
        base.newStatelessKieSession().execute(List.of(request, decision));
        return decision;
    }

    static HandOverDecision handOver(KieBase base, HandOverRequest request) {
        HandOverDecision decision = new HandOverDecision();
        base.newStatelessKieSession().execute(List.of(request, decision));
        return decision;
    }

    static RoutingDecision decide(KieBase base, RoutingRequest request) {
        RoutingDecision decision = new RoutingDecision();
        base.newStatelessKieSession().execute(List.of(request, decision));
        if (!decision.isComplete()) {
            throw new IllegalStateException("Routing rules decided no " + decision.missing()
                    + " for " + request + "; fired: " + decision.getFiredRules());
        }
        return decision;
    }

    /** Every failing case of the rule set's routing and hand-over tables, each with its file, line and facts. */
    static List<String> check(KieBase candidate, RuleFiles files) {
        List<String> failures = new ArrayList<>();
        String routing = files.get(RuleFiles.ROUTING_CASES);
        if (routing != null) {
            for (RoutingTestCase expected : parse(() -> RoutingTestCase.parse(new StringReader(routing)))) {
                String where = "routing-cases.csv line " + expected.line() + " " + expected.request();
                try {
                    RoutingDecision actual = decide(candidate, expected.request());
                    List<String> wrong = expected.mismatches(actual);
                    if (!wrong.isEmpty()) {
                        failures.add(where + ": expected " + String.join(", ", wrong));
                    }
                } catch (RuntimeException e) {
                    failures.add(where + ": " + e.getMessage());
                }
            }
        }
        String handOver = files.get(RuleFiles.HANDOVER_CASES);
        if (handOver != null) {
            for (HandOverTestCase expected : parse(() -> HandOverTestCase.parse(new StringReader(handOver)))) {
                String where = "handover-cases.csv line " + expected.line() + " " + expected.request();
                try {
                    boolean person = handOver(candidate, expected.request()).isToPerson();
                    if (person != expected.person()) {
                        failures.add(where + ": expected person " + expected.person() + " but got " + person);
                    }
                } catch (RuntimeException e) {
                    failures.add(where + ": " + e.getMessage());
                }
            }
        }
        return failures;
    }

    /** How many routing and hand-over cases the rule set's tables hold (rows that cannot be read count as none). */
    static int caseCount(RuleFiles files) {
        int count = 0;
        try {
            String routing = files.get(RuleFiles.ROUTING_CASES);
            if (routing != null) {
                count += parse(() -> RoutingTestCase.parse(new StringReader(routing))).size();
            }
            String handOver = files.get(RuleFiles.HANDOVER_CASES);
            if (handOver != null) {
                count += parse(() -> HandOverTestCase.parse(new StringReader(handOver))).size();
            }
        } catch (RuntimeException unreadable) {
            // check() reports the table that cannot be read
        }
        return count;
    }

    private interface CaseReader<T> {
        List<T> read() throws IOException;
    }

    private static <T> List<T> parse(CaseReader<T> reader) {
        try {
            return reader.read();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
