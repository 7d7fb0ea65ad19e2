package io.kefu.routing;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
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
import org.springframework.core.io.Resource;

import io.kefu.config.KefuHome;

/**
 * The live routing rule set: every {@code .drl} file under {@code rules/}, compiled once into one
 * shared {@link KieBase}. {@link #reload()} compiles the folder again and swaps the rule set in
 * only when it compiles and every case in {@code rules/tests/routing-cases.csv} and
 * {@code rules/tests/handover-cases.csv} passes.
 */
public class RoutingRules {

    private static final Logger log = LoggerFactory.getLogger(RoutingRules.class);
    private static final AtomicLong BUILDS = new AtomicLong();

    private final KefuHome home;
    private final AtomicReference<KieBase> live = new AtomicReference<>();

    public RoutingRules(KefuHome home) {
        this.home = home;
        reload();
    }

    /** Decides queue and priority; fails when the rules leave either undecided. */
    public RoutingDecision decide(RoutingRequest request) {
        return decide(live.get(), request);
    }

    /** Compiles and checks the folder's rules, then makes them live; throws and keeps the old set otherwise. */
    public synchronized void reload() {
        List<Resource> drls = home.files("rules", "**/*.drl");
        if (drls.isEmpty()) {
            throw new RuleSetInvalidException("No .drl files in " + home.folder("rules"));
        }
        KieBase candidate = compile(drls);
        List<Resource> caseFiles = home.files("rules", "tests/routing-cases.csv");
        List<String> failures = check(candidate, caseFiles);
        List<Resource> handOverFiles = home.files("rules", "tests/" + HandOverTestCase.FILE);
        failures.addAll(checkHandOver(candidate, handOverFiles));
        if (!failures.isEmpty()) {
            throw new RuleSetInvalidException("Routing rules fail " + failures.size() + " test case(s):\n  "
                    + String.join("\n  ", failures));
        }
        live.set(candidate);
        log.info("Routing rules live: {} file(s), {} test case file(s) passed", drls.size(),
                caseFiles.size() + handOverFiles.size());
    }

    /** Compiles DRL resources into a knowledge base, reporting every compiler error with its file. */
    static KieBase compile(List<Resource> drls) {
        KieServices kie = KieServices.Factory.get();
        KieFileSystem files = kie.newKieFileSystem();
        ReleaseId release = kie.newReleaseId("io.kefu", "routing-rules", "1.0." + BUILDS.incrementAndGet());
        files.generateAndWritePomXML(release);
        for (Resource drl : drls) {
            try {
                files.write("src/main/resources/io/kefu/routing/" + drl.getFilename(),
                        kie.getResources().newByteArrayResource(drl.getContentAsByteArray())
                                .setResourceType(ResourceType.DRL));
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read " + KefuHome.describe(drl), e);
            }
        }
        KieBuilder builder = kie.newKieBuilder(files).buildAll();
        List<Message> errors = builder.getResults().getMessages(Message.Level.ERROR);
        if (!errors.isEmpty()) {
            throw new RuleSetInvalidException("Routing rules do not compile:\n  " + errors.stream()
                    .map(m -> m.getPath() + " line " + m.getLine() + ": " + m.getText().strip())
                    .collect(Collectors.joining("\n  ")));
        }
        KieBase base = kie.newKieContainer(release).getKieBase();
        kie.getRepository().removeKieModule(release);
        return base;
    }

    /** Whether a new ticket with these triage facts goes straight to a person ({@code rules/handover.drl}). */
    public HandOverDecision handOver(HandOverRequest request) {
        return handOver(live.get(), request);
    }

    /** Whether a routed ticket escalates at once ({@code rules/escalation.drl}). */
    public EscalationDecision escalation(EscalationRequest request) {
        return escalation(live.get(), request);
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

    private static List<String> check(KieBase candidate, List<Resource> caseFiles) {
        List<String> failures = new ArrayList<>();
        for (Resource file : caseFiles) {
            List<RoutingTestCase> cases;
            try (Reader reader = new InputStreamReader(file.getInputStream(), StandardCharsets.UTF_8)) {
                cases = RoutingTestCase.parse(reader);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read " + KefuHome.describe(file), e);
            }
            for (RoutingTestCase expected : cases) {
                String where = file.getFilename() + " line " + expected.line() + " " + expected.request();
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
        return failures;
    }

    private static List<String> checkHandOver(KieBase candidate, List<Resource> caseFiles) {
        List<String> failures = new ArrayList<>();
        for (Resource file : caseFiles) {
            List<HandOverTestCase> cases;
            try (Reader reader = new InputStreamReader(file.getInputStream(), StandardCharsets.UTF_8)) {
                cases = HandOverTestCase.parse(reader);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read " + KefuHome.describe(file), e);
            }
            for (HandOverTestCase expected : cases) {
                HandOverDecision actual = handOver(candidate, expected.request());
                if (actual.isToPerson() != expected.toPerson()) {
                    failures.add(file.getFilename() + " line " + expected.line() + " " + expected.request()
                            + ": expected to_person " + expected.toPerson() + " but got " + actual.isToPerson()
                            + " (fired " + actual.getFiredRules() + ")");
                }
            }
        }
        return failures;
    }
}
