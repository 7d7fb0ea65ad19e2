package io.kefu.routing;

/**
 * Domain event: someone asked to reload {@code rules/}; either the new rules went live or they were
 * refused and the running ones stayed.
 *
 * @param live   whether the new rules went live
 * @param detail what was loaded, or why it was refused
 */
public record RoutingRulesReloaded(boolean live, String detail) {
}
