package io.kefu.routing;

/**
 * Domain event, for the audit log: a rule set was asked to go live (a reload, the file watch, a
 * rollback to a stored version, a version another node activated) and either went live or was
 * refused while the running rules stayed; or a candidate was simulated.
 *
 * @param live   whether the rules went live (for a simulation: whether it ran)
 * @param action {@code rules.reload}, {@code rules.watch}, {@code rules.activate}, {@code rules.adopt} or
 *               {@code rules.simulate}
 * @param detail which version, its hash and who, or exactly why it was refused
 */
public record RoutingRulesReloaded(boolean live, String action, String detail) {
}
