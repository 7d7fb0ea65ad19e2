package io.kefu.testing;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngines;
import org.springframework.core.Ordered;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.TestExecutionListener;

/**
 * Makes the running test's engine the one Cockpit, Tasklist and {@code /engine-rest} find.
 *
 * <p>Those look their engine up by name in Camunda's static {@link ProcessEngines} registry, one per
 * JVM. The suite keeps many application contexts alive at once, each with its own engine named
 * "default", and the registry holds whichever started last: a test class whose context came from the
 * cache would otherwise talk to another context's engine and database. Registered for every Spring
 * test in {@code META-INF/spring.factories}.
 */
public class CurrentProcessEngine implements TestExecutionListener, Ordered {

    @Override
    public void beforeTestMethod(TestContext testContext) {
        if (!testContext.hasApplicationContext()) {
            return;
        }
        ProcessEngine engine = testContext.getApplicationContext().getBeanProvider(ProcessEngine.class).getIfUnique();
        if (engine != null && ProcessEngines.getProcessEngines().get(engine.getName()) != engine) {
            ProcessEngines.registerProcessEngine(engine);
        }
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
