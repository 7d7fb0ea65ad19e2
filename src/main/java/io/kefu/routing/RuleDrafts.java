package io.kefu.routing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.kie.api.KieBase;
import org.springframework.stereotype.Service;

import io.kefu.config.KefuHome;

/**
 * The rule designer's drafts ({@code /designer/rules}): a draft is the live rule set with some files
 * edited or added. It is checked as a reload would check it — the edited rule files held to
 * {@link CandidateRulePolicy} (what a browser sends is never run as code), compiled (each compiler
 * error with its file and line) and run against every case of {@code rules/tests/} — without
 * touching the running rules. Deploying a draft checks it again, writes the changed files into {@code rules/} (each to a
 * temporary file, then moved over the old one) and reloads; when the reload refuses, the files are
 * put back as they were, so {@code rules/} and the running rules never disagree.
 */
@Service
class RuleDrafts {

    /** A file name a draft may carry: a DRL file or a CSV table in {@code rules/}, or a case table in {@code rules/tests/}. */
    static final Pattern FILE_NAME = Pattern.compile("(tests/)?[a-z0-9][a-z0-9_-]{0,63}\\.(drl|csv)");
    static final int MAX_FILE_CHARS = 256 * 1024;
    static final int MAX_FILES = 50;
    /** "routing.drl line 12: text" as {@link RoutingRules#compile} reports each compiler error. */
    private static final Pattern COMPILE_ERROR = Pattern.compile("^\\s*(\\S+) line (-?\\d+): (.*)$");
    /** Where the DRL parser's message places an error: "Line 32:4". */
    private static final Pattern PARSER_LINE = Pattern.compile("\\bLine (\\d+):\\d+");
    /** "routing-cases.csv line 7 {...}: expected ..." as {@link RoutingRules#check} reports each failing case. */
    private static final Pattern FAILING_CASE = Pattern.compile("^(\\S+\\.csv) line (\\d+) (.*)$");

    /** One thing wrong with a draft: where, and what. {@code line} is 0 when the message names no line. */
    record Problem(String file, int line, String message) {
    }

    /**
     * What checking a draft found: {@code valid} when it compiles and every case passes; the
     * compiler's errors, the failing cases (each with its file and line), and how many cases ran.
     */
    record Check(boolean valid, List<Problem> compileErrors, List<Problem> failingCases, int cases) {
    }

    private final RoutingRules rules;
    private final RuleDeployment deployment;
    private final KefuHome home;
    private final RulesProperties settings;

    RuleDrafts(RoutingRules rules, RuleDeployment deployment, KefuHome home, RulesProperties settings) {
        this.settings = settings;
        this.rules = rules;
        this.deployment = deployment;
        this.home = home;
    }

    /** The files of the live rule set, by name. */
    SortedMap<String, String> live() {
        return rules.live().files().contents();
    }

    /** Checks the live rules with {@code edited} files replacing or added to theirs; nothing goes live. */
    Check check(Map<String, String> edited) {
        Map<String, String> files = validated(edited);
        RuleFiles draft = rules.live().files().overlay(files);
        int cases = RoutingRules.caseCount(draft);
        // What a person typed is held to the rule language (no Java in a consequence, no calls in a
        // constraint), as a simulation's candidate is; the case tables are data.
        Map<String, String> ruleFiles = new java.util.TreeMap<>(files);
        ruleFiles.keySet().removeIf(name -> name.startsWith("tests/"));
        List<Problem> refusedByPolicy = new ArrayList<>();
        try {
            CandidateRulePolicy.checkFiles(ruleFiles, settings.uploadMaxBytes());
            SortedMap<String, String> drl = draft.drl();
            ruleFiles.keySet().forEach(name -> {
                try {
                    CandidateRulePolicy.checkDrl(name, drl.get(name));
                } catch (RuleSetInvalidException refused) {
                    refusedByPolicy.add(new Problem(name, policyLine(refused.getMessage()), refused.getMessage()));
                }
            });
        } catch (RuleSetInvalidException refused) {
            refusedByPolicy.add(new Problem("", 0, refused.getMessage()));
        }
        if (!refusedByPolicy.isEmpty()) {
            return new Check(false, refusedByPolicy, List.of(), cases);
        }
        KieBase base;
        try {
            base = RoutingRules.compile(draft);
        } catch (RuleSetInvalidException refused) {
            return new Check(false, problems(refused.getMessage(), COMPILE_ERROR), List.of(), cases);
        }
        List<String> failures;
        try {
            failures = RoutingRules.check(base, draft);
        } catch (RuntimeException unreadable) {
            // a case table that cannot be read at all (not CSV, a missing column)
            return new Check(false, List.of(), List.of(new Problem("tests/", 0, String.valueOf(unreadable.getMessage()))), cases);
        }
        List<Problem> failing = failures.stream().map(RuleDrafts::failingCase).toList();
        return new Check(failing.isEmpty(), List.of(), failing, cases);
    }

    /** What deploying a draft did: the check it passed or failed, and the version now live (null when refused). */
    record Deployment(Check check, Long version) {
    }

    /**
     * Deploys a draft: checked once, and only when it passes written into {@code rules/} and
     * reloaded as a new version; a refused draft writes nothing.
     */
    synchronized Deployment deploy(Map<String, String> edited, String by) {
        Map<String, String> files = validated(edited);
        Check check = check(files);
        if (!check.valid()) {
            return new Deployment(check, null);
        }
        if (!home.onDisk("rules")) {
            throw new RulesFolderNotWritableException(home.folder("rules"));
        }
        Path folder = home.folder("rules");
        Map<Path, Optional<String>> before = new LinkedHashMap<>();
        // RuleDeployment's own lock: its file watch never sees half a draft written
        synchronized (deployment) {
            return new Deployment(check, writeAndReload(folder, files, before, by));
        }
    }

    private long writeAndReload(Path folder, Map<String, String> files, Map<Path, Optional<String>> before, String by) {
        try {
            for (Map.Entry<String, String> file : files.entrySet()) {
                Path target = folder.resolve(file.getKey()).normalize();
                if (!target.startsWith(folder)) {
                    throw new InvalidRuleDraftException("file " + file.getKey() + " is outside rules/");
                }
                before.put(target, Files.exists(target) ? Optional.of(Files.readString(target, StandardCharsets.UTF_8))
                        : Optional.empty());
                KefuHome.replace(target, file.getValue());
            }
            return deployment.reload(by);
        } catch (IOException e) {
            restore(before);
            throw new UncheckedIOException("Could not write the draft into " + folder, e);
        } catch (RuntimeException e) {
            restore(before);
            throw e;
        }
    }


    private static void restore(Map<Path, Optional<String>> before) {
        before.forEach((target, content) -> {
            try {
                if (content.isPresent()) {
                    KefuHome.replace(target, content.get());
                } else {
                    Files.deleteIfExists(target);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Could not put " + target + " back after a refused deployment", e);
            }
        });
    }

    /** The draft's files, each name and size checked: 400 naming the first that breaks a rule. */
    private static Map<String, String> validated(Map<String, String> edited) {
        if (edited == null || edited.isEmpty()) {
            throw new InvalidRuleDraftException("files: give at least one file");
        }
        if (edited.size() > MAX_FILES) {
            throw new InvalidRuleDraftException("files: at most " + MAX_FILES + " files");
        }
        Map<String, String> files = new LinkedHashMap<>();
        edited.forEach((name, content) -> {
            if (name == null || !FILE_NAME.matcher(name).matches()) {
                throw new InvalidRuleDraftException("file name '" + name + "' is not a rules/ file (name.drl, name.csv or tests/name.csv)");
            }
            if (content == null || content.length() > MAX_FILE_CHARS) {
                throw new InvalidRuleDraftException("file " + name + " must have content of at most " + MAX_FILE_CHARS + " characters");
            }
            files.put(name, content.replace("\r\n", "\n"));
        });
        return files;
    }

    private static List<Problem> problems(String message, Pattern line) {
        List<Problem> found = new ArrayList<>();
        for (String text : message.split("\\R")) {
            Matcher m = line.matcher(text);
            if (m.matches()) {
                found.add(new Problem(m.group(1), Math.max(0, Integer.parseInt(m.group(2))), m.group(3).strip()));
            }
        }
        if (found.isEmpty()) {
            found.add(new Problem("", 0, message.strip()));
        }
        return found;
    }

    /** The line a parser's message names ("[ERR 102] Line 32:4 mismatched input ..."), or 0. */
    private static int policyLine(String message) {
        Matcher m = PARSER_LINE.matcher(String.valueOf(message));
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }

    private static Problem failingCase(String failure) {
        Matcher m = FAILING_CASE.matcher(failure);
        if (m.matches()) {
            String file = m.group(1).startsWith("tests/") ? m.group(1) : "tests/" + m.group(1);
            return new Problem(file, Integer.parseInt(m.group(2)), m.group(3));
        }
        return new Problem("", 0, failure);
    }
}
