package io.kefu.routing;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HexFormat;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

import org.drools.decisiontable.InputType;
import org.drools.decisiontable.SpreadsheetCompiler;
import org.drools.template.parser.DecisionTableParseException;
import org.springframework.core.io.Resource;

import io.kefu.config.KefuHome;

/**
 * The files of one rule set, by name relative to {@code rules/}: DRL files ({@code routing.drl}),
 * decision tables ({@code priority-matrix.csv}: a CSV whose first cell is {@code RuleSet}) and the
 * test cases ({@code tests/routing-cases.csv}, {@code tests/handover-cases.csv}). Other files of the
 * folder are no part of it. The contents are what a version stores, and their hash names it.
 *
 * @param contents file name → content (UTF-8 text), sorted by name
 */
record RuleFiles(SortedMap<String, String> contents) {

    /** Routing and hand-over test cases, checked before a rule set goes live. */
    static final String ROUTING_CASES = "tests/routing-cases.csv";
    static final String HANDOVER_CASES = "tests/handover-cases.csv";

    private static final Pattern DECISION_TABLE = Pattern.compile("\\A\\uFEFF?\\s*\"?RuleSet\"?\\s*(,|\\R|\\z)");

    RuleFiles {
        contents = Collections.unmodifiableSortedMap(new TreeMap<>(contents));
    }

    /** The rule set in {@code rules/} now (on disk, or the copy packed in the jar). */
    static RuleFiles read(KefuHome home) {
        SortedMap<String, String> files = new TreeMap<>();
        for (String pattern : new String[] {"**/*.drl", "*.csv", "tests/*.csv"}) {
            for (Resource file : home.files("rules", pattern)) {
                String name = relativeName(file);
                String content = text(file);
                if (name.startsWith("tests/") || name.endsWith(".drl") || isDecisionTable(content)) {
                    files.put(name, content);
                }
            }
        }
        return new RuleFiles(files);
    }

    /** These files with {@code overlay}'s added or replacing files of the same name. */
    RuleFiles overlay(Map<String, String> overlay) {
        SortedMap<String, String> files = new TreeMap<>(contents);
        files.putAll(overlay);
        return new RuleFiles(files);
    }

    /** SHA-256 over every name and content, hex: equal for equal rule sets, whatever node read them. */
    String hash() {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            contents.forEach((name, content) -> {
                digest.update(name.getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
                digest.update(content.getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
            });
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }

    /**
     * The rules as DRL, by file name: DRL files as they are, decision tables compiled to DRL (the rule
     * of each row named by its Rule column). A table that cannot be read is refused with its file.
     */
    SortedMap<String, String> drl() {
        SortedMap<String, String> drl = new TreeMap<>();
        contents.forEach((name, content) -> {
            if (name.startsWith("tests/")) {
                return;
            }
            if (name.endsWith(".drl")) {
                drl.put(name, content);
            } else if (isDecisionTable(content)) {
                drl.put(name, decisionTableDrl(name, content));
            }
        });
        return drl;
    }

    /** The content of a file, if the rule set has it. */
    String get(String name) {
        return contents.get(name);
    }

    static boolean isDecisionTable(String content) {
        return DECISION_TABLE.matcher(content).find();
    }

    private static String decisionTableDrl(String name, String content) {
        try {
            return new SpreadsheetCompiler().compile(
                    new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8)), InputType.CSV);
        } catch (DecisionTableParseException | IllegalArgumentException e) {
            throw new RuleSetInvalidException("Routing rules do not compile:\n  " + name + ": " + e.getMessage(), e);
        }
    }

    private static String relativeName(Resource file) {
        String uri = KefuHome.describe(file).replace('\\', '/');
        int at = uri.lastIndexOf("/rules/");
        return at < 0 ? file.getFilename() : uri.substring(at + "/rules/".length());
    }

    private static String text(Resource file) {
        try {
            return file.getContentAsString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + KefuHome.describe(file), e);
        }
    }
}
