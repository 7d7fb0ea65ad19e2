package io.kefu.lifecycle.policy;

import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

import org.camunda.bpm.impl.juel.AstBracket;
import org.camunda.bpm.impl.juel.AstDot;
import org.camunda.bpm.impl.juel.AstFunction;
import org.camunda.bpm.impl.juel.AstIdentifier;
import org.camunda.bpm.impl.juel.AstMethod;
import org.camunda.bpm.impl.juel.Builder;
import org.camunda.bpm.impl.juel.Node;
import org.camunda.bpm.impl.juel.TreeBuilderException;

/**
 * Checks one JUEL expression of a model before it is deployed: it may read process variables and
 * the scope's ids, call the scope's variable methods and Camunda's time/user functions, and name
 * Kefu's delegate beans — nothing else. Reads the expression's syntax tree; never evaluates it.
 */
final class ExpressionPolicy {

    private final Supplier<Set<String>> delegateBeans;
    private final Supplier<Set<String>> allBeans;
    private final Builder parser = new Builder(Builder.Feature.METHOD_INVOCATIONS, Builder.Feature.VARARGS);

    /**
     * @param delegateBeans the bean names a model may use ({@link DelegateBeans})
     * @param allBeans      every bean name of the application, so naming any other bean is refused
     *                      before it reaches the run-time resolver (which would not find it either)
     */
    ExpressionPolicy(Supplier<Set<String>> delegateBeans, Supplier<Set<String>> allBeans) {
        this.delegateBeans = delegateBeans;
        this.allBeans = allBeans;
    }

    /** Why the expression is refused, or empty when it may be deployed. */
    Optional<String> violation(String expression) {
        Node root;
        try {
            root = parser.build(expression).getRoot();
        } catch (TreeBuilderException e) {
            return Optional.of("expression '" + abbreviate(expression) + "' cannot be parsed: " + e.getMessage());
        }
        return check(root).map(reason -> reason + " in '" + abbreviate(expression) + "'");
    }

    /** Whether the expression is exactly <code>${beanName}</code> naming a Kefu delegate bean; the reason otherwise. */
    Optional<String> delegateViolation(String expression) {
        String trimmed = expression.trim();
        if (!trimmed.matches("\\$\\{\\s*[A-Za-z_][A-Za-z0-9_]*\\s*}")) {
            return Optional.of("a delegate expression must name one of Kefu's delegate beans, like ${routeTicketDelegate}; "
                    + "'" + abbreviate(expression) + "' is not allowed");
        }
        String name = trimmed.substring(2, trimmed.length() - 1).trim();
        if (!delegateBeans.get().contains(name)) {
            return Optional.of("'" + name + "' is not one of Kefu's delegate beans " + new TreeSet<>(delegateBeans.get()));
        }
        return Optional.empty();
    }

    private Optional<String> check(Node node) {
        if (node instanceof AstMethod method) {
            Node property = method.getChild(0);
            if (!(property instanceof AstDot dot)) {
                return Optional.of("calling a method through [...] is not allowed");
            }
            String name = dotName(dot);
            Node target = dot.getChild(0);
            boolean onScope = target instanceof AstIdentifier id && ExpressionRules.SCOPE_OBJECTS.contains(id.getName());
            if (!onScope && ExpressionRules.DATE_METHODS.contains(name) && startsWithDateFunction(target)) {
                return check(target).or(() -> check(method.getChild(1)));
            }
            if (!onScope || !ExpressionRules.SCOPE_METHODS.contains(name)) {
                return Optional.of("method call '" + name + "(...)' is not allowed (only execution/task methods "
                        + "that read or write variables, like execution.getVariable('x'))");
            }
            return check(method.getChild(1));
        }
        if (node instanceof AstDot dot) {
            String name = dotName(dot);
            if (ExpressionRules.FORBIDDEN_PROPERTIES.contains(name)) {
                return Optional.of("property '" + name + "' is not allowed");
            }
            Node target = dot.getChild(0);
            if (target instanceof AstIdentifier id && ExpressionRules.SCOPE_OBJECTS.contains(id.getName())
                    && !ExpressionRules.SCOPE_PROPERTIES.contains(name)) {
                return Optional.of("property '" + id.getName() + "." + name + "' is not allowed");
            }
            return check(target);
        }
        if (node instanceof AstBracket bracket) {
            Node target = bracket.getChild(0);
            if (target instanceof AstIdentifier id && ExpressionRules.SCOPE_OBJECTS.contains(id.getName())) {
                return Optional.of("'" + id.getName() + "[...]' is not allowed");
            }
        }
        if (node instanceof AstIdentifier id) {
            String name = id.getName();
            if (!ExpressionRules.SCOPE_OBJECTS.contains(name) && !delegateBeans.get().contains(name)
                    && allBeans.get().contains(name)) {
                return Optional.of("bean '" + name + "' is not available to models");
            }
            return Optional.empty();
        }
        if (node instanceof AstFunction function && !ExpressionRules.FUNCTIONS.contains(function.getName())) {
            return Optional.of("function '" + function.getName() + "' is not allowed (only " + ExpressionRules.FUNCTIONS + ")");
        }
        for (int i = 0; i < node.getCardinality(); i++) {
            Optional<String> child = check(node.getChild(i));
            if (child.isPresent()) {
                return child;
            }
        }
        return Optional.empty();
    }

    /** Whether a call chain starts at {@code now()} or {@code dateTime()}, like {@code dateTime().plusDays(1)}. */
    private static boolean startsWithDateFunction(Node node) {
        Node current = node;
        while (current instanceof AstMethod || current instanceof AstDot) {
            current = current.getChild(0);
        }
        return current instanceof AstFunction function
                && ("now".equals(function.getName()) || "dateTime".equals(function.getName()));
    }

    /** JUEL keeps a dot's property name private; its text form is ". name". */
    private static String dotName(AstDot dot) {
        String text = dot.toString();
        return text.startsWith(". ") ? text.substring(2) : text;
    }

    static String abbreviate(String text) {
        String flat = text.replaceAll("\\s+", " ").trim();
        return flat.length() <= 120 ? flat : flat.substring(0, 117) + "...";
    }
}
