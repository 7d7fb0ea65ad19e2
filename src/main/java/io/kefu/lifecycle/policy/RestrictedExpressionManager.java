package io.kefu.lifecycle.policy;

import java.beans.FeatureDescriptor;
import java.util.Collections;
import java.util.Iterator;

import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.impl.el.JuelExpressionManager;
import org.camunda.bpm.engine.impl.el.ProcessEngineElContext;
import org.camunda.bpm.engine.impl.el.VariableContextElResolver;
import org.camunda.bpm.engine.impl.el.VariableScopeElResolver;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.spring.SpringExpressionManager;
import org.camunda.bpm.impl.juel.jakarta.el.ArrayELResolver;
import org.camunda.bpm.impl.juel.jakarta.el.BeanELResolver;
import org.camunda.bpm.impl.juel.jakarta.el.CompositeELResolver;
import org.camunda.bpm.impl.juel.jakarta.el.ELContext;
import org.camunda.bpm.impl.juel.jakarta.el.ELResolver;
import org.camunda.bpm.impl.juel.jakarta.el.ListELResolver;
import org.camunda.bpm.impl.juel.jakarta.el.MapELResolver;
import org.camunda.bpm.impl.juel.jakarta.el.MethodNotFoundException;
import org.camunda.bpm.impl.juel.jakarta.el.PropertyNotFoundException;
import org.springframework.context.ApplicationContext;

/**
 * The engine's expression manager: expressions resolve process variables, the scope objects'
 * allow-listed properties and methods ({@link ExpressionRules}), Kefu's delegate beans, and the
 * entries of maps, lists and arrays held in variables — and nothing else: no other bean, no method
 * on any other object, no reflection. This is the second line behind the {@link DeploymentPolicy}:
 * it holds for models deployed before the policy existed and for whatever a variable's value is.
 * Only a deployment an admin made trusted, while trusted deployments are switched on, gets Spring's
 * unrestricted resolver.
 */
final class RestrictedExpressionManager extends JuelExpressionManager {

    private final DelegateBeans beans;
    private final TrustedDeployments trusted;
    private final ApplicationContext context;
    private volatile ELResolver unrestricted;

    RestrictedExpressionManager(DelegateBeans beans, TrustedDeployments trusted, ApplicationContext context) {
        this.beans = beans;
        this.trusted = trusted;
        this.context = context;
    }

    @Override
    protected ELResolver createElResolver() {
        CompositeELResolver resolver = new CompositeELResolver();
        resolver.add(new VariableScopeElResolver());
        resolver.add(new VariableContextElResolver());
        resolver.add(new DelegateBeanResolver(beans));
        resolver.add(new ScopeObjectResolver());
        resolver.add(new DateResolver());
        resolver.add(new ArrayELResolver(true));
        resolver.add(new ListELResolver(true));
        resolver.add(new MapELResolver(true));
        resolver.add(new RefuseEverythingElse());
        return resolver;
    }

    @Override
    protected ProcessEngineElContext createElContext(VariableScope scope) {
        if (trusted.enabled() && trusted.isTrusted(deploymentOf(scope))) {
            ensureInitialized();
            return new ProcessEngineElContext(functionMapper, unrestrictedResolver());
        }
        return super.createElContext(scope);
    }

    private ELResolver unrestrictedResolver() {
        ELResolver resolver = unrestricted;
        if (resolver == null) {
            resolver = new SpringExpressionManager(context) {
                ELResolver resolver() {
                    return createElResolver();
                }
            }.resolver();
            unrestricted = resolver;
        }
        return resolver;
    }

    private static String deploymentOf(VariableScope scope) {
        ExecutionEntity execution = scope instanceof ExecutionEntity e ? e
                : scope instanceof TaskEntity t ? t.getExecution() : null;
        if (execution == null) {
            return null;
        }
        ProcessDefinitionEntity definition = execution.getProcessDefinition();
        return definition == null ? null : definition.getDeploymentId();
    }

    /** Resolves the names of Kefu's delegate beans, and only those. */
    private static final class DelegateBeanResolver extends ReadOnlyResolver {

        private final DelegateBeans beans;

        DelegateBeanResolver(DelegateBeans beans) {
            this.beans = beans;
        }

        @Override
        public Object getValue(ELContext context, Object base, Object property) {
            if (base == null && property instanceof String name && beans.delegates().contains(name)) {
                context.setPropertyResolved(true);
                return beans.get(name);
            }
            return null;
        }
    }

    /** The scope objects ({@code execution}, {@code task}, ...): allow-listed properties and methods only. */
    private static final class ScopeObjectResolver extends ReadOnlyResolver {

        private final BeanELResolver bean = new BeanELResolver(true);

        @Override
        public Object getValue(ELContext context, Object base, Object property) {
            if (!(base instanceof VariableScope)) {
                return null;
            }
            if (!(property instanceof String name) || !ExpressionRules.SCOPE_PROPERTIES.contains(name)) {
                throw new PropertyNotFoundException("Property '" + property + "' of the process scope is not allowed in "
                        + "expressions (docs/SECURITY.md, deployment policy)");
            }
            return bean.getValue(context, base, property);
        }

        @Override
        public Object invoke(ELContext context, Object base, Object method, Class<?>[] paramTypes, Object[] params) {
            if (!(base instanceof VariableScope)) {
                return null;
            }
            if (!(method instanceof String name) || !ExpressionRules.SCOPE_METHODS.contains(name)) {
                throw new MethodNotFoundException("Method '" + method + "' of the process scope is not allowed in "
                        + "expressions (docs/SECURITY.md, deployment policy)");
            }
            return bean.invoke(context, base, method, paramTypes, params);
        }
    }

    /** The dates of {@code now()} and {@code dateTime()}: allow-listed arithmetic and comparisons only. */
    private static final class DateResolver extends ReadOnlyResolver {

        private final BeanELResolver bean = new BeanELResolver(true);

        @Override
        public Object getValue(ELContext context, Object base, Object property) {
            return null;
        }

        @Override
        public Object invoke(ELContext context, Object base, Object method, Class<?>[] paramTypes, Object[] params) {
            boolean date = base instanceof java.util.Date || base instanceof org.joda.time.ReadableInstant;
            if (date && method instanceof String name && ExpressionRules.DATE_METHODS.contains(name)) {
                return bean.invoke(context, base, method, paramTypes, params);
            }
            return null;
        }
    }

    /** Last in the chain: reading a property of, or calling a method on, any other object is refused. */
    private static final class RefuseEverythingElse extends ReadOnlyResolver {

        @Override
        public Object getValue(ELContext context, Object base, Object property) {
            if (base == null) {
                return null;
            }
            throw new PropertyNotFoundException("Reading '" + property + "' of a " + base.getClass().getSimpleName()
                    + " is not allowed in expressions (docs/SECURITY.md, deployment policy)");
        }

        @Override
        public Object invoke(ELContext context, Object base, Object method, Class<?>[] paramTypes, Object[] params) {
            if (base == null) {
                return null;
            }
            throw new MethodNotFoundException("Calling '" + method + "' on a " + base.getClass().getSimpleName()
                    + " is not allowed in expressions (docs/SECURITY.md, deployment policy)");
        }
    }

    /** A resolver that never writes. */
    private abstract static class ReadOnlyResolver extends ELResolver {

        @Override
        public Class<?> getType(ELContext context, Object base, Object property) {
            return null;
        }

        @Override
        public void setValue(ELContext context, Object base, Object property, Object value) {
            // Never resolves a write: assignments are left to the variable resolver, which owns variables.
        }

        @Override
        public boolean isReadOnly(ELContext context, Object base, Object property) {
            return true;
        }

        @Override
        public Iterator<FeatureDescriptor> getFeatureDescriptors(ELContext context, Object base) {
            return Collections.emptyIterator();
        }

        @Override
        public Class<?> getCommonPropertyType(ELContext context, Object base) {
            return Object.class;
        }
    }
}
