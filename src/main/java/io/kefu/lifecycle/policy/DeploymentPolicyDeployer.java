package io.kefu.lifecycle.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.impl.persistence.deploy.Deployer;
import org.camunda.bpm.engine.impl.persistence.entity.DeploymentEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ResourceEntity;

import io.kefu.security.AuditLog;
import io.kefu.security.AuditOutcome;
import io.kefu.security.SignedIn;

/**
 * Runs before Camunda's own deployers on every new deployment, whichever way it came: refuses it,
 * with the element ids and rules it broke, unless every file passes the {@link DeploymentPolicy};
 * an admin's trusted deployment skips the policy when trusted deployments are switched on. Refusals,
 * trusted deployments and accepted deployments are audited.
 */
final class DeploymentPolicyDeployer implements Deployer {

    private final DeploymentPolicy policy;
    private final TrustedDeployments trusted;
    private final AuditLog audit;
    private final long maxBytes;

    DeploymentPolicyDeployer(DeploymentPolicy policy, TrustedDeployments trusted, AuditLog audit, long maxBytes) {
        this.policy = policy;
        this.trusted = trusted;
        this.audit = audit;
        this.maxBytes = maxBytes;
    }

    @Override
    public void deploy(DeploymentEntity deployment) {
        if (!deployment.isNew()) {
            // Re-reading a stored deployment into the cache: it passed when it was deployed.
            return;
        }
        String target = describe(deployment);
        Map<String, ResourceEntity> resources = deployment.getResources() == null ? Map.of() : deployment.getResources();
        long bytes = resources.values().stream().mapToLong(r -> r.getBytes() == null ? 0 : r.getBytes().length).sum();
        if (bytes > maxBytes) {
            refuse(target, new DeploymentTooLargeException(bytes, maxBytes));
        }
        if (TrustedDeploymentRequest.requested()) {
            if (!trusted.enabled()) {
                refuse(target, new DeploymentRefusedException(
                        "trusted deployments are switched off (kefu.security.trusted-deployments)"));
            }
            if (!SignedIn.holds("ROLE_ADMIN")) {
                refuse(target, new DeploymentRefusedException("only admins may make a trusted deployment"));
            }
            trusted.record(deployment.getId(), AuditLog.currentActor());
            audit.record("deployment.trusted", target, AuditOutcome.SUCCESS, "policy skipped for " + resources.keySet());
            return;
        }
        List<PolicyViolation> violations = new ArrayList<>();
        for (ResourceEntity resource : resources.values()) {
            violations.addAll(policy.check(resource.getName(), resource.getBytes() == null ? new byte[0] : resource.getBytes()));
        }
        if (!violations.isEmpty()) {
            refuse(target, new DeploymentRefusedException(violations));
        }
    }

    private void refuse(String target, RuntimeException refusal) {
        audit.record("deployment.refused", target, AuditOutcome.REFUSED, refusal.getMessage());
        throw refusal;
    }

    static String describe(DeploymentEntity deployment) {
        return "deployment " + (deployment.getName() == null ? "(unnamed)" : "'" + deployment.getName() + "'")
                + " " + deployment.getId();
    }

    /** Runs after Camunda's deployers: the deployment parsed and is about to be stored. */
    static final class Accepted implements Deployer {

        private final AuditLog audit;

        Accepted(AuditLog audit) {
            this.audit = audit;
        }

        @Override
        public void deploy(DeploymentEntity deployment) {
            if (deployment.isNew()) {
                audit.record("deployment.create", describe(deployment), AuditOutcome.SUCCESS,
                        String.valueOf(deployment.getResources() == null ? List.of() : deployment.getResources().keySet()));
            }
        }
    }
}
