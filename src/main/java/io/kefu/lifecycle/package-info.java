/**
 * The process glue between {@code processes/TicketLifecycle.bpmn} and the features: the ids the
 * BPMN file and Java share ({@link io.kefu.lifecycle.TicketLifecycleProcess}), thin delegates, the
 * deployment of the {@code processes/} folder, and the correlation of customer messages.
 */
package io.kefu.lifecycle;
