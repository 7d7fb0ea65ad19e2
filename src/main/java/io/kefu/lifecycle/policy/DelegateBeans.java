package io.kefu.lifecycle.policy;

import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;

import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.delegate.VariableListener;
import org.springframework.context.ApplicationContext;

/**
 * The beans a model may name: Kefu's own delegates and listeners (Spring beans implementing
 * {@link JavaDelegate}, {@link ExecutionListener}, {@link TaskListener} or {@link VariableListener}
 * whose class is Kefu's), found by type without creating them. Looked up on first use, when every
 * bean definition is known; the set never changes while the application runs.
 */
final class DelegateBeans {

    private static final String KEFU_PACKAGE = "io.kefu.";

    private final ApplicationContext context;
    private volatile Set<String> delegates;
    private volatile Set<String> all;

    DelegateBeans(ApplicationContext context) {
        this.context = context;
    }

    /** The names of Kefu's delegate and listener beans. */
    Set<String> delegates() {
        Set<String> found = delegates;
        if (found == null) {
            Set<String> names = new TreeSet<>();
            for (Class<?> type : new Class<?>[] {JavaDelegate.class, ExecutionListener.class, TaskListener.class,
                    VariableListener.class}) {
                for (String name : context.getBeanNamesForType(type, false, false)) {
                    Class<?> beanType = context.getType(name, false);
                    if (beanType != null && beanType.getName().startsWith(KEFU_PACKAGE)) {
                        names.add(name);
                    }
                }
            }
            found = Set.copyOf(names);
            delegates = found;
        }
        return found;
    }

    /** Every bean name and alias of the application. */
    Set<String> all() {
        Set<String> found = all;
        if (found == null) {
            // By type, so singletons registered by hand (environment, systemProperties) are included.
            Set<String> names = new TreeSet<>(Arrays.asList(context.getBeanNamesForType(Object.class, true, false)));
            for (String name : context.getBeanDefinitionNames()) {
                names.addAll(Arrays.asList(context.getAliases(name)));
            }
            found = Set.copyOf(names);
            all = found;
        }
        return found;
    }

    /** The delegate bean of that name; only names in {@link #delegates()} are ever looked up. */
    Object get(String name) {
        return context.getBean(name);
    }
}
