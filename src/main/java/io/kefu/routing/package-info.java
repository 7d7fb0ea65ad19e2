/**
 * Routing: Drools rule sets under the top-level {@code rules/} folder decide the queue and the
 * priority of a ticket. A rule set goes live only after it compiles and passes its own test cases
 * ({@code rules/tests/*.csv}); a broken edit never replaces the running rules.
 */
package io.kefu.routing;
