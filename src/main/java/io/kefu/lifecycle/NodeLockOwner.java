package io.kefu.lifecycle;

import java.net.InetAddress;
import java.net.UnknownHostException;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Gives the job executor a stable lock owner, this node's id ({@link NodeProperties}), instead of
 * Camunda's random one per start: the jobs a node had locked when it died carry its name, so the
 * node takes them back the moment it starts again ({@link OwnJobLocksRelease}) instead of waiting
 * for their locks to expire.
 */
@Component
class NodeLockOwner extends AbstractProcessEnginePlugin {

    private final String id;

    NodeLockOwner(NodeProperties node, @Value("${server.port:8080}") int port) {
        this.id = node.id() == null || node.id().isBlank() ? hostName() + ":" + port : node.id().strip();
        if (id.length() > 255) {
            throw new IllegalArgumentException("kefu.node.id is longer than ACT_RU_JOB.LOCK_OWNER_ (255): " + id);
        }
    }

    /** The lock owner every job this node executes is locked under. */
    String id() {
        return id;
    }

    @Override
    public void postInit(ProcessEngineConfigurationImpl configuration) {
        JobExecutor executor = configuration.getJobExecutor();
        if (executor != null) {
            executor.setLockOwner(id);
        }
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            String fromEnvironment = System.getenv("HOSTNAME");
            return fromEnvironment == null || fromEnvironment.isBlank() ? "localhost" : fromEnvironment;
        }
    }
}
