package io.kefu.chat;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

import io.kefu.agent.AgentProperties;
import io.kefu.agent.AgentService;

/**
 * Presence from the live workspace connections (issue 22 item 1): counts each signed-in user's
 * {@code /workspace/ws} connections on this node; when the last one closes and none opens again
 * within {@code kefu.agent.offline-grace}, the agent goes OFFLINE through
 * {@link AgentService#connectionLost} (the same path as <code>PUT /api/agents/{id}/presence</code>:
 * unanswered tickets given back, audited). Opening a connection never sets ONLINE: the agent chooses.
 */
@Component
class WorkspacePresence implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(WorkspacePresence.class);

    private final AgentService agents;
    private final AgentProperties properties;
    private final Map<String, Integer> connections = new ConcurrentHashMap<>();
    private final Map<String, ScheduledFuture<?>> pending = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "kefu-workspace-presence");
        thread.setDaemon(true);
        return thread;
    });

    WorkspacePresence(AgentService agents, AgentProperties properties) {
        this.agents = agents;
        this.properties = properties;
    }

    /** A workspace connection of this user opened: a pending OFFLINE is called off. */
    void opened(String userId) {
        synchronized (this) {
            connections.merge(userId, 1, Integer::sum);
            ScheduledFuture<?> offline = pending.remove(userId);
            if (offline != null) {
                offline.cancel(false);
            }
        }
    }

    /** A workspace connection of this user closed: the last one starts the grace period. */
    void closed(String userId) {
        synchronized (this) {
            Integer left = connections.computeIfPresent(userId, (id, n) -> n > 1 ? n - 1 : null);
            if (left != null || pending.containsKey(userId)) {
                return;
            }
            pending.put(userId, timer.schedule(() -> goOffline(userId),
                    properties.offlineGrace().toMillis(), TimeUnit.MILLISECONDS));
        }
    }

    /** Live workspace connections of this user on this node. */
    int connectionsOf(String userId) {
        return connections.getOrDefault(userId, 0);
    }

    private void goOffline(String userId) {
        synchronized (this) {
            pending.remove(userId);
            if (connections.containsKey(userId)) {
                return;
            }
        }
        try {
            if (agents.connectionLost(userId)) {
                log.info("Agent {} set OFFLINE: their last workspace connection closed", userId);
            }
        } catch (RuntimeException e) {
            log.warn("Could not set agent {} OFFLINE after their workspace connection closed", userId, e);
        }
    }

    @Override
    public void destroy() {
        timer.shutdownNow();
    }
}
