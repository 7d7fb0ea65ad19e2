package io.kefu.lifecycle.policy;

/**
 * Carries "this caller asks for a trusted deployment" from the HTTP request
 * ({@link DeploymentRequestFilter}) to the engine's deployer on the same thread.
 */
final class TrustedDeploymentRequest {

    private static final ThreadLocal<Boolean> REQUESTED = new ThreadLocal<>();

    private TrustedDeploymentRequest() {
    }

    static void set(boolean requested) {
        if (requested) {
            REQUESTED.set(Boolean.TRUE);
        } else {
            REQUESTED.remove();
        }
    }

    static boolean requested() {
        return Boolean.TRUE.equals(REQUESTED.get());
    }

    static void clear() {
        REQUESTED.remove();
    }
}
