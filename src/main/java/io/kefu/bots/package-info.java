/**
 * RPA bots on Camunda external tasks: Kefu's built-in workers for the topics of
 * {@code processes/RefundRequest.bpmn} ({@code erp-order-lookup}, {@code erp-refund-request},
 * {@code customer-follow-up}), each switchable with {@code kefu.bots.<topic>.enabled} so an outside
 * worker can take the topic over on the same contract (fetch and lock on {@code /engine-rest} with
 * an API token of scope {@code external-task}); the hand-over to billing of a bot step that ran out
 * of retries; and the page and API ({@code /bots}, {@code /api/bots}) that show topics, tasks,
 * workers and failures and retry them. docs/INTEGRATIONS.md, "RPA bots".
 */
package io.kefu.bots;
