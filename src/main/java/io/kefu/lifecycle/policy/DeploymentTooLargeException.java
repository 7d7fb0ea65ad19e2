package io.kefu.lifecycle.policy;

/** A deployment over {@code kefu.security.deployment.max-size}; {@code /engine-rest} refuses it with 413 before it gets here. */
public class DeploymentTooLargeException extends DeploymentRefusedException {

    DeploymentTooLargeException(long bytes, long maxBytes) {
        super("the deployment has " + bytes + " bytes; at most " + maxBytes + " are accepted "
                + "(kefu.security.deployment.max-size)");
    }
}
