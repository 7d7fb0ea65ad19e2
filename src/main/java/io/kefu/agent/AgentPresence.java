package io.kefu.agent;

/** Whether an agent takes new work. */
public enum AgentPresence {
    /** Gets tickets pushed, up to their capacity. */
    ONLINE,
    /** Keeps their tickets, gets no new ones. */
    AWAY,
    /** Gets no new tickets; going offline gives back the tickets not answered yet. */
    OFFLINE
}
