/**
 * Agents as a resource: each agent's profile (skills, languages, how many conversations of each kind
 * of work they take at once, working hours), their presence (ONLINE, AWAY, OFFLINE; OFFLINE until
 * they go online, and again when their last live workspace connection closed, {@code kefu.agent.offline-grace}) and the choice of the agent a waiting ticket is pushed to (least-loaded or
 * round-robin per queue, skills and language first, {@code kefu.assignment.*}). Agents are Camunda
 * users; the queues they work are their Camunda groups. Load is counted from the tickets in the
 * database, and every choice holds one row lock ({@code assignment_lock}) so nodes never overfill an
 * agent. The lifecycle (the glue) asks for the choice and makes the assignment; this module publishes
 * {@link io.kefu.agent.AgentPresenceChanged} and {@link io.kefu.agent.AgentProfileChanged}.
 */
package io.kefu.agent;
