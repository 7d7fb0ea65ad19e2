package io.kefu.routing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.drools.drl.ast.descr.AndDescr;
import org.drools.drl.ast.descr.AttributeDescr;
import org.drools.drl.ast.descr.BaseDescr;
import org.drools.drl.ast.descr.ExistsDescr;
import org.drools.drl.ast.descr.ExprConstraintDescr;
import org.drools.drl.ast.descr.ImportDescr;
import org.drools.drl.ast.descr.NotDescr;
import org.drools.drl.ast.descr.OrDescr;
import org.drools.drl.ast.descr.PackageDescr;
import org.drools.drl.ast.descr.PatternDescr;
import org.drools.drl.ast.descr.QueryDescr;
import org.drools.drl.ast.descr.RuleDescr;
import org.drools.drl.parser.DrlParser;
import org.drools.drl.parser.DroolsParserException;
import org.kie.internal.builder.conf.LanguageLevelOption;

import io.kefu.customer.CustomerTier;
import io.kefu.ticket.Channel;
import io.kefu.ticket.Priority;
import io.kefu.ticket.Topic;

/**
 * What rules uploaded through the API (a simulation's candidate files) may contain. A DRL consequence
 * is Java and a constraint may call any method, so an upload is parsed and allowed only the rule
 * language over the routing facts: package {@code io.kefu.routing}; imports of the four enums only;
 * no functions, globals, declared types, queries, {@code from}/{@code accumulate}/{@code eval},
 * timers or dialects; patterns only of {@code RoutingRequest}, {@code RoutingDecision},
 * {@code HandOverRequest}, {@code HandOverDecision}, {@code EscalationRequest}, {@code EscalationDecision}; constraints made of their fields, the enums'
 * constants, literals, operators and {@code upset(sentimentScore, intents)}; consequences only calls of
 * the decision methods ({@code routeTo}, {@code prioritise}, {@code requireSkill},
 * {@code applySlaPolicy}, {@code toPerson}, {@code escalateAtOnce}) with literals, enum constants and
 * {@code drools.getRule().getName()}. Decision tables are checked as the DRL they compile to.
 * Files in {@code rules/} on disk are operator input and not held to this.
 */
final class CandidateRulePolicy {

    private static final Pattern FILE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}\\.(drl|csv)");
    private static final int MAX_FILES = 20;

    private static final Map<String, Class<? extends Enum<?>>> ENUMS = Map.of(
            "CustomerTier", CustomerTier.class, "Channel", Channel.class, "Priority", Priority.class, "Topic", Topic.class);
    private static final Set<String> IMPORTS = ENUMS.values().stream().map(Class::getName).collect(Collectors.toSet());
    private static final Set<String> FACTS = Set.of("RoutingRequest", "RoutingDecision", "HandOverRequest", "HandOverDecision",
            "EscalationRequest", "EscalationDecision");
    private static final Set<String> FIELDS = Set.of("tier", "topic", "channel", "intents", "sentimentScore", "queue",
            "priority", "slaPolicy", "requiredSkills", "toPerson", "this");
    private static final Set<String> WORDS = Set.of("contains", "not", "in", "memberOf", "excludes", "true", "false", "null");
    private static final Set<String> FUNCTIONS = Set.of("upset");
    private static final Set<String> DECISION_METHODS = Set.of("routeTo", "prioritise", "requireSkill", "applySlaPolicy",
            "toPerson", "escalateAtOnce");
    private static final Set<String> ATTRIBUTES = Set.of("salience", "no-loop", "activation-group", "enabled");
    private static final Pattern RULE_NAME_CALL = Pattern.compile("drools\\s*\\.\\s*getRule\\s*\\(\\s*\\)\\s*\\.\\s*getName\\s*\\(\\s*\\)");

    private CandidateRulePolicy() {
    }

    /** Checks the names and sizes of uploaded files; throws {@link RuleSetInvalidException} naming the first problem. */
    static void checkFiles(Map<String, String> files, int maxBytes) {
        if (files.size() > MAX_FILES) {
            throw refused("at most " + MAX_FILES + " files, not " + files.size());
        }
        long bytes = 0;
        for (Map.Entry<String, String> file : files.entrySet()) {
            if (!FILE_NAME.matcher(file.getKey()).matches()) {
                throw refused("'" + file.getKey() + "' is no rule file name: a .drl or .csv file of rules/ itself "
                        + "(letters, digits, . _ -; no folders)");
            }
            if (file.getValue() == null) {
                throw refused(file.getKey() + " has no content");
            }
            bytes += file.getValue().getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        }
        if (bytes > maxBytes) {
            throw refused("the files hold " + bytes + " bytes; at most " + maxBytes + " may be simulated at once");
        }
        files.forEach((name, content) -> {
            if (name.endsWith(".csv") && !RuleFiles.isDecisionTable(content)) {
                throw refused(name + " is no decision table: its first cell must be RuleSet");
            }
        });
    }

    /** Checks one DRL source (a file, or what a decision table compiled to). */
    static void checkDrl(String file, String drl) {
        List<String> violations = new ArrayList<>();
        if (drl.contains("\\u")) {
            violations.add("unicode escapes (\\u) are not allowed");
        }
        DrlParser parser = new DrlParser(LanguageLevelOption.DRL6);
        PackageDescr pkg;
        try {
            pkg = parser.parse(false, drl);
        } catch (DroolsParserException e) {
            throw refused(file + " does not parse: " + e.getMessage());
        }
        if (parser.hasErrors() || pkg == null) {
            throw refused(file + " does not parse: " + parser.getErrors().stream()
                    .map(e -> String.valueOf(e.getMessage())).collect(Collectors.joining("; ")));
        }
        if (!"io.kefu.routing".equals(pkg.getName())) {
            violations.add("the package must be io.kefu.routing, not '" + pkg.getName() + "'");
        }
        for (ImportDescr imported : pkg.getImports()) {
            if (!IMPORTS.contains(imported.getTarget())) {
                violations.add("import " + imported.getTarget() + " (only " + IMPORTS.stream().sorted().toList() + ")");
            }
        }
        none(violations, pkg.getFunctionImports(), "function imports");
        none(violations, pkg.getAccumulateImports(), "accumulate imports");
        none(violations, pkg.getGlobals(), "globals");
        none(violations, pkg.getFunctions(), "functions (upset is defined in rules/upset.drl)");
        none(violations, pkg.getTypeDeclarations(), "declared types");
        none(violations, pkg.getEnumDeclarations(), "declared enums");
        none(violations, pkg.getEntryPointDeclarations(), "entry points");
        none(violations, pkg.getWindowDeclarations(), "windows");
        attributes(violations, "the package", pkg.getAttributes());
        for (RuleDescr rule : pkg.getRules()) {
            String where = "rule \"" + rule.getName() + "\"";
            if (rule instanceof QueryDescr) {
                violations.add("query \"" + rule.getName() + "\": queries are not allowed");
                continue;
            }
            attributes(violations, where, new ArrayList<>(rule.getAttributes().values()));
            if (!rule.getNamedConsequences().isEmpty()) {
                violations.add(where + ": named consequences are not allowed");
            }
            lhs(violations, where, rule.getLhs());
            consequence(violations, where, String.valueOf(rule.getConsequence()));
        }
        if (!violations.isEmpty()) {
            throw refused(file + ": " + String.join("; ", violations));
        }
    }

    private static void none(List<String> violations, java.util.Collection<?> found, String what) {
        if (!found.isEmpty()) {
            violations.add(what + " are not allowed");
        }
    }

    private static void attributes(List<String> violations, String where, List<AttributeDescr> attributes) {
        for (AttributeDescr attribute : attributes) {
            if (!ATTRIBUTES.contains(attribute.getName())) {
                violations.add(where + ": attribute '" + attribute.getName() + "' is not allowed (only " + ATTRIBUTES + ")");
            } else if (!attribute.getValue().matches("-?\\d{1,6}|true|false|\"[\\w .-]{1,64}\"|[\\w .-]{1,64}")) {
                violations.add(where + ": attribute '" + attribute.getName() + "' must be a literal");
            }
        }
    }

    private static void lhs(List<String> violations, String where, BaseDescr element) {
        if (element instanceof AndDescr and) {
            and.getDescrs().forEach(d -> lhs(violations, where, d));
        } else if (element instanceof OrDescr or) {
            or.getDescrs().forEach(d -> lhs(violations, where, d));
        } else if (element instanceof NotDescr not) {
            not.getDescrs().forEach(d -> lhs(violations, where, (BaseDescr) d));
        } else if (element instanceof ExistsDescr exists) {
            exists.getDescrs().forEach(d -> lhs(violations, where, (BaseDescr) d));
        } else if (element instanceof PatternDescr pattern) {
            if (!FACTS.contains(pattern.getObjectType())) {
                violations.add(where + ": patterns only of " + FACTS.stream().sorted().toList() + ", not "
                        + pattern.getObjectType());
            }
            if (pattern.getSource() != null) {
                violations.add(where + ": from, collect, accumulate and entry points are not allowed");
            }
            if (pattern.getIdentifier() != null && !pattern.getIdentifier().matches("\\$?[A-Za-z_]\\w{0,63}")) {
                violations.add(where + ": binding '" + pattern.getIdentifier() + "' is not a plain name");
            }
            for (BaseDescr constraint : pattern.getDescrs()) {
                if (constraint instanceof ExprConstraintDescr expression) {
                    expression(violations, where, expression.getExpression());
                } else {
                    violations.add(where + ": constraint '" + constraint.getText() + "' is not allowed");
                }
            }
        } else if (element != null) {
            violations.add(where + ": " + element.getClass().getSimpleName().replace("Descr", "")
                    + " is not allowed in a condition (only patterns with and, or, not, exists)");
        }
    }

    /** A constraint: fields, bindings, enum constants, literals, operators and upset(…); no other call or member access. */
    static void expression(List<String> violations, String where, String text) {
        List<Token> tokens = Token.of(text);
        if (tokens == null) {
            violations.add(where + ": constraint '" + text + "' holds characters outside the rule language");
            return;
        }
        for (int i = 0; i < tokens.size(); i++) {
            Token token = tokens.get(i);
            if (token.kind() != Token.Kind.WORD) {
                continue;
            }
            String word = token.text();
            Token next = i + 1 < tokens.size() ? tokens.get(i + 1) : null;
            Token previous = i > 0 ? tokens.get(i - 1) : null;
            boolean member = previous != null && previous.is(".");
            if (member) {
                Token owner = i > 1 ? tokens.get(i - 2) : null;
                if (owner == null || !ENUMS.containsKey(owner.text()) || !isConstant(ENUMS.get(owner.text()), word)) {
                    violations.add(where + ": '" + (owner == null ? "" : owner.text()) + "." + word
                            + "' — only enum constants such as Priority.HIGH may follow a dot");
                }
                continue;
            }
            if (next != null && next.is("(")) {
                if (!FUNCTIONS.contains(word)) {
                    violations.add(where + ": calling '" + word + "(…)' is not allowed (only " + FUNCTIONS + ")");
                }
                continue;
            }
            if (ENUMS.containsKey(word)) {
                if (next == null || !next.is(".")) {
                    violations.add(where + ": '" + word + "' is only allowed as in " + word + ".CONSTANT");
                }
                continue;
            }
            if (!word.startsWith("$") && !FIELDS.contains(word) && !WORDS.contains(word)) {
                violations.add(where + ": '" + word + "' is no field of the routing facts");
            }
        }
    }

    /** A consequence: statements {@code $binding.decisionMethod(arguments);} and nothing else. */
    private static void consequence(List<String> violations, String where, String code) {
        String normalised = RULE_NAME_CALL.matcher(code).replaceAll("\u0000RULE\u0000");
        List<Token> tokens = Token.of(normalised.replace("\u0000RULE\u0000", " drools_rule_name "));
        if (tokens == null) {
            violations.add(where + ": the consequence holds characters outside the rule language");
            return;
        }
        int i = 0;
        while (i < tokens.size()) {
            if (tokens.get(i).is(";")) {
                i++;
                continue;
            }
            // $binding . method ( args ) ;
            if (i + 3 >= tokens.size() || tokens.get(i).kind() != Token.Kind.WORD || !tokens.get(i + 1).is(".")
                    || !DECISION_METHODS.contains(tokens.get(i + 2).text()) || !tokens.get(i + 3).is("(")) {
                violations.add(where + ": the consequence may only call " + DECISION_METHODS.stream().sorted().toList()
                        + " on a bound decision, as $decision.routeTo(\"billing_team\", drools.getRule().getName());"
                        + " found '" + tokens.get(i).text() + "'");
                return;
            }
            i += 4;
            boolean expectArgument = true;
            while (i < tokens.size() && !tokens.get(i).is(")")) {
                Token token = tokens.get(i);
                if (expectArgument) {
                    if (token.kind() == Token.Kind.STRING || token.kind() == Token.Kind.NUMBER
                            || token.text().equals("drools_rule_name")) {
                        i++;
                    } else if (ENUMS.containsKey(token.text()) && i + 2 < tokens.size() && tokens.get(i + 1).is(".")
                            && isConstant(ENUMS.get(token.text()), tokens.get(i + 2).text())) {
                        i += 3;
                    } else {
                        violations.add(where + ": argument '" + token.text() + "' — only literals, enum constants and "
                                + "drools.getRule().getName() may be passed");
                        return;
                    }
                    expectArgument = false;
                } else if (token.is(",")) {
                    expectArgument = true;
                    i++;
                } else {
                    violations.add(where + ": unexpected '" + token.text() + "' in the arguments");
                    return;
                }
            }
            if (i >= tokens.size()) {
                violations.add(where + ": a call is not closed");
                return;
            }
            i++;
            if (i < tokens.size() && !tokens.get(i).is(";")) {
                violations.add(where + ": one call per statement; found '" + tokens.get(i).text() + "' after a call");
                return;
            }
        }
    }

    private static boolean isConstant(Class<? extends Enum<?>> type, String name) {
        return Arrays.stream(type.getEnumConstants()).anyMatch(c -> c.name().equals(name));
    }

    private static RuleSetInvalidException refused(String why) {
        return new RuleSetInvalidException("Candidate rules refused by the rules policy: " + why);
    }

    /** The lexical pieces of the rule language; anything else (backticks, braces, @, #, comments in odd places) refuses. */
    record Token(Kind kind, String text) {

        enum Kind { WORD, NUMBER, STRING, SYMBOL }

        private static final Set<String> SYMBOLS = Set.of("==", "!=", "<=", ">=", "&&", "||", "<", ">", "!", "(", ")",
                ",", ".", ":", ";", "-", "+");

        boolean is(String symbol) {
            return kind == Kind.SYMBOL && text.equals(symbol);
        }

        /** The tokens of {@code text}, or null when it holds something outside the language. */
        static List<Token> of(String text) {
            List<Token> tokens = new ArrayList<>();
            int i = 0;
            while (i < text.length()) {
                char c = text.charAt(i);
                if (Character.isWhitespace(c)) {
                    i++;
                } else if (text.startsWith("//", i)) {
                    int end = text.indexOf('\n', i);
                    i = end < 0 ? text.length() : end;
                } else if (c == '"') {
                    int end = i + 1;
                    while (end < text.length() && text.charAt(end) != '"') {
                        if (text.charAt(end) == '\\' || text.charAt(end) == '\n') {
                            return null;
                        }
                        end++;
                    }
                    if (end >= text.length()) {
                        return null;
                    }
                    tokens.add(new Token(Kind.STRING, text.substring(i, end + 1)));
                    i = end + 1;
                } else if (Character.isDigit(c)) {
                    int end = i;
                    while (end < text.length() && (Character.isDigit(text.charAt(end)) || text.charAt(end) == '.')) {
                        end++;
                    }
                    tokens.add(new Token(Kind.NUMBER, text.substring(i, end)));
                    i = end;
                } else if (c == '$' || c == '_' || (c < 128 && Character.isLetter(c))) {
                    int end = i + 1;
                    while (end < text.length() && text.charAt(end) < 128
                            && (Character.isLetterOrDigit(text.charAt(end)) || text.charAt(end) == '_')) {
                        end++;
                    }
                    tokens.add(new Token(Kind.WORD, text.substring(i, end)));
                    i = end;
                } else {
                    String two = i + 1 < text.length() ? text.substring(i, i + 2) : "";
                    if (SYMBOLS.contains(two)) {
                        tokens.add(new Token(Kind.SYMBOL, two));
                        i += 2;
                    } else if (SYMBOLS.contains(String.valueOf(c))) {
                        tokens.add(new Token(Kind.SYMBOL, String.valueOf(c)));
                        i++;
                    } else {
                        return null;
                    }
                }
            }
            return tokens;
        }
    }
}
