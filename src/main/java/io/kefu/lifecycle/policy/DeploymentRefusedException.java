package io.kefu.lifecycle.policy;

import java.util.List;

import org.camunda.bpm.engine.BadUserRequestException;

/**
 * A deployment the policy refuses. A {@link BadUserRequestException}, so {@code /engine-rest}
 * answers 400 with the message, which names each element id and the rule it broke.
 */
public class DeploymentRefusedException extends BadUserRequestException {

    DeploymentRefusedException(List<PolicyViolation> violations) {
        super("Deployment refused by Kefu's deployment policy (docs/SECURITY.md): " + DeploymentPolicy.describe(violations));
    }

    DeploymentRefusedException(String reason) {
        super("Deployment refused: " + reason);
    }
}
