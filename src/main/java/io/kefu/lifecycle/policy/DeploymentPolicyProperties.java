package io.kefu.lifecycle.policy;

import java.util.Set;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code kefu.security.trusted-deployments} and {@code kefu.security.deployment.*}.
 *
 * @param trustedDeployments whether an admin may deploy a model that skips the policy (header
 *                           {@code X-Kefu-Trusted-Deployment: true} on {@code /engine-rest/deployment/create});
 *                           off by default. Switching it off again takes the trust away from models
 *                           deployed that way: their expressions and scripts are restricted again
 * @param deployment         size limit and allowed Java classes
 */
@ConfigurationProperties("kefu.security")
record DeploymentPolicyProperties(@DefaultValue("false") boolean trustedDeployments,
        @DefaultValue Deployment deployment) {

    /**
     * @param maxSize        largest deployment accepted (all files together); larger ones get 413
     * @param allowedClasses fully qualified {@code camunda:class} names a model may use; empty by
     *                       default, since Kefu's delegates are beans named by {@code delegateExpression}
     */
    record Deployment(@DefaultValue("5MB") DataSize maxSize, @DefaultValue({}) Set<String> allowedClasses) {
    }
}
