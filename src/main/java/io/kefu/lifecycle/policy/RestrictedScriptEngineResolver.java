package io.kefu.lifecycle.policy;

import javax.script.ScriptEngine;
import javax.script.ScriptEngineFactory;
import javax.script.ScriptEngineManager;

import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.context.BpmnExecutionContext;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.scripting.engine.ScriptEngineResolver;

/**
 * Hands out no script engine — JUEL's, JavaScript's or any other — unless the process running the
 * script comes from a trusted deployment: the deployment policy refuses scripts, and this holds
 * for models stored before the policy existed.
 */
final class RestrictedScriptEngineResolver implements ScriptEngineResolver {

    private final ScriptEngineResolver engines;
    private final TrustedDeployments trusted;

    RestrictedScriptEngineResolver(ScriptEngineResolver engines, TrustedDeployments trusted) {
        this.engines = engines;
        this.trusted = trusted;
    }

    @Override
    public void addScriptEngineFactory(ScriptEngineFactory factory) {
        engines.addScriptEngineFactory(factory);
    }

    @Override
    public ScriptEngineManager getScriptEngineManager() {
        return engines.getScriptEngineManager();
    }

    @Override
    public ScriptEngine getScriptEngine(String language, boolean resolveFromCache) {
        if (!trusted.isTrusted(currentDeployment())) {
            throw new ProcessEngineException("Scripts are not allowed in Kefu's models (language '" + language
                    + "'; docs/SECURITY.md, deployment policy)");
        }
        return engines.getScriptEngine(language, resolveFromCache);
    }

    private static String currentDeployment() {
        BpmnExecutionContext context = Context.getBpmnExecutionContext();
        if (context == null) {
            return null;
        }
        ExecutionEntity execution = context.getExecution();
        return execution == null || execution.getProcessDefinition() == null ? null
                : execution.getProcessDefinition().getDeploymentId();
    }
}
