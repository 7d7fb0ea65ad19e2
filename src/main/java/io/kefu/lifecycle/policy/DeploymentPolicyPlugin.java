package io.kefu.lifecycle.policy;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.deploy.Deployer;
import org.camunda.bpm.engine.impl.scripting.engine.CamundaScriptEngineManager;
import org.camunda.bpm.engine.impl.scripting.engine.DefaultScriptEngineResolver;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.kefu.security.AuditLog;

/**
 * Puts the deployment policy into the engine before it is built: the policy deployer in front of
 * Camunda's deployers, the restricted expression manager, and the script engine resolver that
 * hands out no engine to untrusted models. Ordered last, so no other plugin replaces them.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DeploymentPolicyProperties.class)
@Order(Ordered.LOWEST_PRECEDENCE)
class DeploymentPolicyPlugin extends AbstractProcessEnginePlugin {

    private final DelegateBeans beans;
    private final TrustedDeployments trusted;
    private final DeploymentPolicy policy;
    private final AuditLog audit;
    private final ApplicationContext context;
    private final long maxBytes;

    DeploymentPolicyPlugin(ApplicationContext context, JdbcClient jdbc, Clock clock, AuditLog audit,
            DeploymentPolicyProperties properties) {
        this.context = context;
        this.beans = new DelegateBeans(context);
        this.trusted = new TrustedDeployments(jdbc, clock, properties.trustedDeployments());
        this.policy = new DeploymentPolicy(new ExpressionPolicy(beans::delegates, beans::all),
                properties.deployment().allowedClasses());
        this.audit = audit;
        this.maxBytes = properties.deployment().maxSize().toBytes();
    }

    /** The policy every deployment passes, for checking a model before it is deployed. */
    DeploymentPolicy policy() {
        return policy;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        configuration.setExpressionManager(new RestrictedExpressionManager(beans, trusted, context));
        configuration.setScriptEngineResolver(new RestrictedScriptEngineResolver(
                new DefaultScriptEngineResolver(new CamundaScriptEngineManager()), trusted));
        List<Deployer> pre = new ArrayList<>();
        pre.add(new DeploymentPolicyDeployer(policy, trusted, audit, maxBytes));
        if (configuration.getCustomPreDeployers() != null) {
            pre.addAll(configuration.getCustomPreDeployers());
        }
        configuration.setCustomPreDeployers(pre);
        List<Deployer> post = new ArrayList<>();
        if (configuration.getCustomPostDeployers() != null) {
            post.addAll(configuration.getCustomPostDeployers());
        }
        post.add(new DeploymentPolicyDeployer.Accepted(audit));
        configuration.setCustomPostDeployers(post);
    }
}
